// Debian's mosquitto for one test file: listening on 127.0.0.1 on a free port (never the 1883 of
// the service the package may start), anonymous clients allowed, no persistence, its configuration
// and its log (everything: log_type all) in a fresh temporary directory. Start it in beforeAll,
// stop it in afterAll. Also finds mosquitto_pub and mosquitto_sub (Debian's mosquitto-clients),
// which test/mqtt/support/clients.ts runs.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { aptInstall, findProgram } from '../../support/apt.js';
import { inTempDir, LOG_TAIL, onFreePort, tail, watch } from '../../support/server-process.js';

export interface Mosquitto {
  host: '127.0.0.1';
  port: number;
  /** mosquitto's process id. */
  pid: number;
  /** The temporary directory: mosquitto.conf and mosquitto.log; removed by stop(). */
  dir: string;
  /** The broker's log so far (every connection and packet it handled, one line each). */
  log(): string;
  /** SIGTERM (SIGKILL if it outlives a timeout), waits for the exit, removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartMosquittoOptions {
  /** More configuration lines after the defaults, e.g. ['max_packet_size 1000', 'max_keepalive 60']. */
  config?: string[];
  /** How long the start may take before it is an error (default 30 s). */
  timeoutMs?: number;
}

const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 10_000;

export async function startMosquitto(options: StartMosquittoOptions = {}): Promise<Mosquitto> {
  const broker = findMosquittoProgram('mosquitto');
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  return inTempDir('stride-mosquitto-', (dir) =>
    onFreePort(HOST, 'mosquitto', (port) =>
      launch(broker, { dir, port, config: options.config ?? [], deadline }),
    ),
  );
}

/**
 * The broker (in /usr/sbin, which may not be on PATH) or one of its command-line clients,
 * installed (Debian's mosquitto and mosquitto-clients) if missing and root.
 */
export function findMosquittoProgram(name: 'mosquitto' | 'mosquitto_pub' | 'mosquitto_sub'): string {
  const find = () => findProgram(name, ['/usr/sbin']) ?? findProgram(name);
  const found = find();
  if (found) return found;
  // As .ci/run does; only as root on Debian (see test/support/apt.ts).
  aptInstall(
    ['mosquitto', 'mosquitto-clients'],
    'test -x /usr/sbin/mosquitto && command -v mosquitto_pub && command -v mosquitto_sub',
  );
  const installed = find();
  if (installed) return installed;
  throw new Error(
    `${name} not found (looked in /usr/sbin, /usr/bin and PATH): install it with ` +
      '`apt-get install mosquitto mosquitto-clients` (Debian)',
  );
}

interface Launch {
  dir: string;
  port: number;
  config: string[];
  deadline: number;
}

/** Starts the broker; the running broker, or its output if it exited before it was ready. */
async function launch(program: string, at: Launch): Promise<Mosquitto | string> {
  const logfile = join(at.dir, 'mosquitto.log');
  const conffile = join(at.dir, 'mosquitto.conf');
  rmSync(logfile, { force: true }); // a failed attempt's log, which would be read as this one's
  const config = [
    `listener ${at.port} ${HOST}`,
    'allow_anonymous true',
    'persistence false',
    `log_dest file ${logfile}`,
    'log_type all',
    // As root mosquitto would switch to the mosquitto user, who cannot write the log in a
    // directory only root may enter; as anyone else this line has no effect.
    'user root',
    ...at.config,
  ];
  writeFileSync(conffile, `${config.join('\n')}\n`);
  const child = spawn(program, ['-c', conffile], { cwd: at.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  // Configuration errors go to stderr, everything after the start (a failed bind) to the log file.
  const stderr = tail(child);
  const log = () => (existsSync(logfile) ? readFileSync(logfile, 'utf8') : '');
  const output = () => `${stderr()}${log().slice(-LOG_TAIL)}`;
  // Should this process die first, the watchdog kills the broker (nothing to save) and removes dir.
  const started = await watch(child, {
    name: 'mosquitto',
    port: at.port,
    dir: at.dir,
    probe: () => connack(at.port),
    pollMs: 25,
    deadline: at.deadline,
    output,
    guardSignal: 'KILL',
    stopSignal: 'SIGTERM',
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });
  if (typeof started === 'string') return started;
  return { host: HOST, port: at.port, dir: at.dir, log, ...started };
}

// An MQTT 3.1.1 CONNECT, written out (@stride/mqtt is what the tests test): remaining length 12,
// protocol name "MQTT", level 4, flags clean session, keep alive 0, an empty client id (the broker
// assigns one). 14 bytes, under any sensible max_packet_size.
const CONNECT = Uint8Array.of(0x10, 12, 0, 4, 0x4d, 0x51, 0x54, 0x54, 4, 0x02, 0, 0, 0, 0);
const DISCONNECT = Uint8Array.of(0xe0, 0);

/**
 * Whether the broker answers CONNECT on a new connection with a CONNACK (packet type 2), whatever
 * its return code: a refusal (say, for the keep alive under a max_keepalive) is an answer too.
 */
function connack(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (ok: boolean) => {
      resolve(ok);
      socket.destroy();
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.once('data', (chunk: Buffer) => {
      if (chunk[0] !== 0x20) return done(false);
      resolve(true);
      socket.end(DISCONNECT); // a clean goodbye, not a dropped connection, in the broker's log
    });
    socket.once('connect', () => socket.write(CONNECT));
  });
}
