// Debian's redis-server for one test file: listening on 127.0.0.1 on a free port, its working
// directory (and log) a fresh temporary directory, no persistence, and the DEBUG command enabled
// for local connections (`DEBUG PROTOCOL <type>` makes it answer every RESP3 type). Start it in
// beforeAll, stop it in afterAll. Also finds redis-cli, from the same Debian package as the server's
// tools (redis-tools).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { aptInstall, findProgram } from '../../support/apt.js';
import { inTempDir, LOG_TAIL, onFreePort, tail, watch } from '../../support/server-process.js';

export interface RedisServer {
  host: '127.0.0.1';
  port: number;
  /** redis-server's process id. */
  pid: number;
  /** The temporary directory: the server's `--dir` and its log (redis.log); removed by stop(). */
  dir: string;
  /** SIGTERM (SIGKILL if it outlives a timeout), waits for the exit, removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartRedisOptions {
  /** More command-line configuration after the defaults (which they override), e.g. ['--proto-max-bulk-len', '1gb']. */
  args?: string[];
  /** How long the start may take before it is an error (default 30 s). */
  timeoutMs?: number;
}

const HOST = '127.0.0.1';
const STOP_TIMEOUT_MS = 10_000;

export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const server = findRedisServer();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  return inTempDir('stride-redis-', (dir) =>
    onFreePort(HOST, 'redis-server', (port) =>
      launch(server, { dir, port, args: options.args ?? [], deadline }),
    ),
  );
}

/** The redis-server program, installed (Debian's redis-server and redis-tools) if missing and root. */
export function findRedisServer(): string {
  return findOrInstall('redis-server');
}

/** The redis-cli program (Debian's redis-tools), installed the same way. */
export function findRedisCli(): string {
  return findOrInstall('redis-cli');
}

function findOrInstall(name: 'redis-server' | 'redis-cli'): string {
  const found = findProgram(name);
  if (found) return found;
  // As .ci/run does; only as root on Debian (see test/support/apt.ts).
  aptInstall(['redis-server', 'redis-tools'], 'command -v redis-server && command -v redis-cli');
  const installed = findProgram(name);
  if (installed) return installed;
  throw new Error(
    `${name} not found (looked in /usr/bin and PATH): install it with ` +
      '`apt-get install redis-server redis-tools` (Debian)',
  );
}

interface Launch {
  dir: string;
  port: number;
  args: string[];
  deadline: number;
}

/** Starts the server; the running server, or its output if it exited before it was ready. */
async function launch(program: string, at: Launch): Promise<RedisServer | string> {
  const logfile = join(at.dir, 'redis.log');
  rmSync(logfile, { force: true }); // a failed attempt's log, which would be read as this one's
  // Command-line configuration: each `--name` starts a directive, the words after it are its
  // arguments (an empty word is an empty argument: `--save ''` turns RDB snapshots off).
  const args = [
    '--port',
    String(at.port),
    '--bind',
    HOST,
    '--dir',
    at.dir,
    '--logfile',
    logfile,
    '--daemonize',
    'no',
    '--save',
    '',
    '--appendonly',
    'no',
    '--enable-debug-command',
    'local',
    ...at.args,
  ];
  const child = spawn(program, args, { cwd: at.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  // Configuration errors go to stderr, everything after the start (a failed bind) to the log file.
  const stderr = tail(child);
  const output = () => {
    const log = existsSync(logfile) ? readFileSync(logfile, 'utf8').slice(-LOG_TAIL) : '';
    return `${stderr()}${log}`;
  };
  // Should this process die first, the watchdog kills the server (nothing to save) and removes dir.
  const started = await watch(child, {
    name: 'redis-server',
    port: at.port,
    dir: at.dir,
    probe: () => ping(at.port),
    pollMs: 25,
    deadline: at.deadline,
    output,
    guardSignal: 'KILL',
    stopSignal: 'SIGTERM',
    stopTimeoutMs: STOP_TIMEOUT_MS,
  });
  if (typeof started === 'string') return started;
  return { host: HOST, port: at.port, dir: at.dir, ...started };
}

/** Whether an inline PING on a new connection is answered +PONG. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    let answer = '';
    const done = (ok: boolean) => {
      resolve(ok);
      socket.destroy();
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer === '+PONG\r\n');
    });
    socket.once('connect', () => socket.write('PING\r\n'));
  });
}
