// Debian's redis-server for one test file: listening on 127.0.0.1 on a free port, its working
// directory (and log) a fresh temporary directory, no persistence, and the DEBUG command enabled
// for local connections (`DEBUG PROTOCOL <type>` makes it answer every RESP3 type). Start it in
// beforeAll, stop it in afterAll. Also finds redis-cli, from the same Debian package as the server's
// tools (redis-tools).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptInstall, findProgram } from '../../support/apt.js';
import { exitOf, freePort, guard, tail } from '../../support/server-process.js';

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
const PORT_ATTEMPTS = 5;
const STOP_TIMEOUT_MS = 10_000;
const LOG_TAIL = 8192;

export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const server = findRedisServer();
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const dir = mkdtempSync(join(tmpdir(), 'stride-redis-'));
  try {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort(HOST);
      const started = await launch(server, { dir, port, args: options.args ?? [], deadline });
      if (typeof started !== 'string') return started;
      // Another process took the port between freePort() and the bind: try another one.
      if (/already in use/i.test(started) && attempt < PORT_ATTEMPTS) continue;
      throw new Error(`redis-server exited before accepting connections on port ${port}:\n${started}`);
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
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
  const exited = exitOf(child);
  const pid = child.pid;
  if (pid === undefined) throw (await exited) ?? new Error(`could not start ${program}`);
  // Should this process die first, the watchdog kills the server (nothing to save) and removes dir.
  const watchdog = guard(pid, at.dir, 'KILL');
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  try {
    const outcome = await Promise.race([
      ready(at.port, at.deadline, gone),
      exited.then(() => 'exited' as const),
    ]);
    if (outcome === 'exited') {
      watchdog.kill('SIGKILL');
      // The last of stderr may still be in the pipe after 'exit'.
      const { stderr: pipe } = child;
      if (pipe && !pipe.closed) {
        await new Promise((resolve) => {
          pipe.once('close', resolve);
          setTimeout(resolve, 500);
        });
      }
      return output();
    }
  } catch (error) {
    watchdog.kill('SIGKILL');
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${error instanceof Error ? error.message : String(error)}:\n${output()}`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      watchdog.kill('SIGKILL');
      if (!gone()) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      rmSync(at.dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  return { host: HOST, port: at.port, pid, dir: at.dir, stop };
}

/**
 * Resolves once the server answers PING with +PONG. While it is starting it refuses the connection:
 * try again shortly, until the deadline, or until `gone()` says the server exited.
 */
async function ready(port: number, deadline: number, gone: () => boolean): Promise<'ready' | 'exited'> {
  for (;;) {
    if (gone()) return 'exited';
    if (await ping(port)) return 'ready';
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} not ready in time`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
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
