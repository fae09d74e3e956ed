/**
 * Pub/sub on the client's one connection: who listens to which channel or pattern, the Observables
 * `subscribe` and `psubscribe` return, and telling the server's pub/sub pushes apart from replies.
 *
 * In RESP3 a push (`>`) is never the reply to a command, except SUBSCRIBE's and UNSUBSCRIBE's
 * confirmations (one per channel named), which are the acknowledgement of that command: the client
 * counts them off the command waiting for them. In RESP2 the same messages are ordinary arrays;
 * they are pushes only while the server is in its subscribed mode (from a subscribe confirmation
 * with a count above 0 to an unsubscribe confirmation with a count of 0, in the order of the
 * stream), where it refuses every command but (P)SUBSCRIBE, (P)UNSUBSCRIBE, PING, QUIT and RESET,
 * so no reply can look like a message — or while a (un)subscribe waits for its confirmations.
 */
import { Observable } from 'rxjs';
import type { RespValue } from '../resp/value.js';

/** A message published to a channel this client listens to. */
export interface PubSubMessage<M extends string | Uint8Array = string> {
  channel: string;
  /** The payload: UTF-8 text, or (`{ message: 'bytes' }`) a copy of its bytes. */
  message: M;
  /** The pattern the channel matched (`psubscribe` only). */
  pattern?: string;
}

export interface SubscribeOptions {
  /** Payloads as UTF-8 strings (default) or as bytes. */
  message?: 'string' | 'bytes';
}

/** The payload's type under `options`. */
export type MessageOf<O extends SubscribeOptions> = O extends { message: 'bytes' } ? Uint8Array : string;

/** Channels (SUBSCRIBE) or patterns (PSUBSCRIBE). */
export type SubscriptionKind = 'channel' | 'pattern';

/** Sends a command that the server answers with `confirmations` pushes; settles on the last one. */
export type SendSubscription = (args: string[], confirmations: number) => Promise<unknown>;

interface Listener {
  bytes: boolean;
  next(m: PubSubMessage<string | Uint8Array>): void;
  error(e: unknown): void;
  complete(): void;
}

const VERBS = {
  channel: { on: 'SUBSCRIBE', off: 'UNSUBSCRIBE' },
  pattern: { on: 'PSUBSCRIBE', off: 'PUNSUBSCRIBE' },
} as const;

/** What a pub/sub push is, by its first element. */
const KINDS: Record<string, 'message' | 'subscribed' | 'unsubscribed' | undefined> = {
  message: 'message',
  pmessage: 'message',
  subscribe: 'subscribed',
  psubscribe: 'subscribed',
  unsubscribe: 'unsubscribed',
  punsubscribe: 'unsubscribed',
};

const utf8 = new TextDecoder();

/** A bulk or simple string's text. */
function text(v: RespValue | undefined): string | undefined {
  if (v?.type === 'bulk' && v.value !== null) return utf8.decode(v.value);
  return v?.type === 'simple' ? v.value : undefined;
}

export class PubSub {
  readonly #protocol: 2 | 3;
  readonly #send: SendSubscription;
  readonly #listeners: Record<SubscriptionKind, Map<string, Set<Listener>>> = {
    channel: new Map(),
    pattern: new Map(),
  };
  /** The server's count of channels and patterns, from the last confirmation (RESP2's subscribed mode). */
  #count = 0;

  constructor(protocol: 2 | 3, send: SendSubscription) {
    this.#protocol = protocol;
    this.#send = send;
  }

  /**
   * Listens to `names` while subscribed: sends (P)SUBSCRIBE for all of them (the server takes a
   * name it already has as a no-op), and on unsubscribe (P)UNSUBSCRIBE for those nobody else on
   * this client listens to. Errors with the command's error or the connection's; completes when
   * the client is closed.
   */
  observe(
    kind: SubscriptionKind,
    names: readonly string[],
    options: SubscribeOptions,
  ): Observable<PubSubMessage<string | Uint8Array>> {
    return new Observable((subscriber) => {
      if (names.length === 0 || names.some((n) => typeof n !== 'string')) {
        subscriber.error(
          new TypeError(`${VERBS[kind].on.toLowerCase()}() takes one or more names (strings)`),
        );
        return;
      }
      const listener: Listener = {
        bytes: options.message === 'bytes',
        next: (m) => subscriber.next(m),
        error: (e) => subscriber.error(e),
        complete: () => subscriber.complete(),
      };
      const map = this.#listeners[kind];
      for (const name of names) {
        const set = map.get(name);
        if (set === undefined) map.set(name, new Set([listener]));
        else set.add(listener);
      }
      this.#send([VERBS[kind].on, ...names], names.length).catch((e: unknown) => subscriber.error(e));
      return () => {
        const orphans: string[] = [];
        for (const name of new Set(names)) {
          const set = map.get(name);
          if (set === undefined || !set.delete(listener) || set.size > 0) continue;
          map.delete(name);
          orphans.push(name);
        }
        // Nothing to wait for: a closed connection has no subscriptions left.
        if (orphans.length > 0) this.#send([VERBS[kind].off, ...orphans], orphans.length).catch(() => {});
      };
    });
  }

  /**
   * The elements of `v` if it is a pub/sub push rather than a reply; `confirming`: whether the
   * command at the head of the queue waits for confirmations.
   */
  pushOf(v: RespValue, confirming: boolean): RespValue[] | undefined {
    if (v.type === 'push') return v.value;
    if (this.#protocol === 2 && v.type === 'array' && v.value !== null && (this.#count > 0 || confirming)) {
      const kind = text(v.value[0]);
      if (kind !== undefined && KINDS[kind] !== undefined) return v.value;
    }
    return undefined;
  }

  /** Takes a push: a message goes to its listeners; true if it is a confirmation. */
  take(push: RespValue[]): boolean {
    const name = text(push[0]) ?? '';
    const kind = KINDS[name];
    if (kind === 'message') {
      this.#deliver(push, name === 'pmessage');
      return false;
    }
    if (kind === undefined) return false; // another push (client tracking's invalidate …): not ours
    const count = push[2];
    if (count?.type === 'integer') this.#count = Number(count.value);
    return true;
  }

  /** The client is done: every listener completes, or errors with what failed the connection. */
  end(error: unknown): void {
    const all = new Set<Listener>();
    for (const map of Object.values(this.#listeners)) {
      for (const set of map.values()) for (const l of set) all.add(l);
      map.clear();
    }
    for (const l of all) error === undefined ? l.complete() : l.error(error);
  }

  /** `message channel payload` or `pmessage pattern channel payload`. */
  #deliver(push: RespValue[], matched: boolean): void {
    const pattern = matched ? text(push[1]) : undefined;
    const channel = text(push[matched ? 2 : 1]);
    const payload = push[matched ? 3 : 2];
    if (channel === undefined || payload?.type !== 'bulk' || payload.value === null) return;
    if (matched && pattern === undefined) return;
    const set = this.#listeners[matched ? 'pattern' : 'channel'].get(pattern ?? channel);
    if (set === undefined) return; // unsubscribed here, the server not yet told
    const bytes = payload.value;
    const listeners = [...set]; // a listener may unsubscribe another one in next()
    const decoded = listeners.some((l) => !l.bytes) ? utf8.decode(bytes) : '';
    for (const l of listeners) {
      // A copy of the bytes: a view would pin the socket's chunk.
      const m: PubSubMessage<string | Uint8Array> = {
        channel,
        message: l.bytes ? bytes.slice() : decoded,
      };
      if (pattern !== undefined) m.pattern = pattern;
      l.next(m);
    }
  }
}
