/**
 * Which protocol a connection is dissected with: a `decode` rule (`--decode tcp.port==N,NAME`, as
 * tshark's `-d`) on its server's port, then on its client's, wins; else the protocol whose default
 * ports hold the server's port (then the client's); else none (the connection is listed, not read).
 */
import type { TcpConnection } from '../tcp/index.js';
import type { AnyProtocol } from './types.js';

/** A decode rule: connections with this port (either end) are read as `protocol`. */
export interface DecodeRule {
  readonly port: number;
  readonly protocol: string;
}

/** `tcp.port==N,NAME` as a rule; a RangeError for anything else (a port outside 0-65535, no name). */
export function parseDecodeRule(text: string): DecodeRule {
  const match = /^tcp\.port==(\d{1,5}),([A-Za-z0-9_.-]+)$/.exec(text);
  const port = Number(match?.[1]);
  if (match === null || port > 65535)
    throw new RangeError(`${JSON.stringify(text)}: expected tcp.port==PORT,PROTOCOL`);
  return { port, protocol: match[2] as string };
}

/** The port of an 'ip:port' endpoint ('[::1]:5432' too). */
export function portOf(endpoint: string): number {
  return Number(endpoint.slice(endpoint.lastIndexOf(':') + 1));
}

/**
 * The protocol of `connection` among `protocols`, by `rules` then default ports. A rule naming a
 * protocol not among them is a RangeError (checked up front by `checkRules`).
 */
export function chooseProtocol(
  connection: TcpConnection,
  protocols: readonly AnyProtocol[],
  rules: readonly DecodeRule[],
): AnyProtocol | null {
  const ports = [portOf(connection.server), portOf(connection.client)];
  for (const port of ports) {
    const rule = rules.findLast((r) => r.port === port);
    if (rule !== undefined) return byName(protocols, rule.protocol);
  }
  for (const port of ports) {
    const protocol = protocols.find((p) => p.ports.includes(port));
    if (protocol !== undefined) return protocol;
  }
  return null;
}

/** Every rule names a known protocol (else a RangeError listing them). */
export function checkRules(protocols: readonly AnyProtocol[], rules: readonly DecodeRule[]): void {
  for (const rule of rules) byName(protocols, rule.protocol);
}

function byName(protocols: readonly AnyProtocol[], name: string): AnyProtocol {
  const protocol = protocols.find((p) => p.name === name);
  if (protocol === undefined)
    throw new RangeError(
      `unknown protocol ${JSON.stringify(name)} (known: ${protocols.map((p) => p.name).join(', ')})`,
    );
  return protocol;
}
