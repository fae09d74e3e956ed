// Plumbing for the real servers the tests start as child processes (test/pg/support/server.ts,
// test/redis/support/server.ts, test/mqtt/support/broker.ts): a free port (and another try when the
// port is taken before the bind), a child's exit, its stderr's last bytes, a watchdog that stops the
// server if the test process dies without stopping it, and the wait until the server answers, with
// the stop that goes with it; a temporary directory for each. Each server's file spawns its program and knows how to ask it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** How much of a server's output (stderr, log file) an error shows. */
export const LOG_TAIL = 8192;
const PORT_ATTEMPTS = 5;

/** A port nothing listens on now on `host` (the OS's pick for port 0). */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when the child exits, or with the error if it could not be started (never rejects). */
export function exitOf(child: ChildProcess): Promise<Error | undefined> {
  return new Promise((resolve) => {
    child.once('error', resolve);
    child.once('exit', () => resolve(undefined));
  });
}

/** Keeps reading the child's stderr (a full pipe would block it) and returns its last bytes on demand. */
export function tail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    text = (text + s).slice(-LOG_TAIL);
  });
  return () => text;
}

/**
 * A detached shell that waits for EOF on a pipe only this process holds: when this process ends in
 * any way (a crash, a signal, a worker killed by Vitest) the pipe closes, and the shell sends the
 * server `signal`, waits for it to exit and removes its directory. Kill the watchdog (SIGKILL) when
 * stopping the server normally.
 */
export function guard(pid: number, dir: string, signal: 'QUIT' | 'TERM' | 'KILL'): ChildProcess {
  const script =
    `read -r _; kill -${signal} "$1" 2>/dev/null; ` +
    'while kill -0 "$1" 2>/dev/null; do sleep 0.1; done; rm -rf "$2"';
  const watchdog = spawn('sh', ['-c', script, 'stride-server-guard', String(pid), dir], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as net.Socket | null)?.unref();
  return watchdog;
}

/** Runs `start` in a fresh temporary directory (named `prefix`…), removed if the start fails. */
export async function inTempDir<T>(prefix: string, start: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await start(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Starts a server on a free port of `host`, another one if the server says the port is "already in
 * use" (another process took it between freePort() and the bind), up to 5 tries. `start` returns
 * the server, or the output of a server that exited before it was ready, which is an error.
 */
export async function onFreePort<T extends object>(
  host: string,
  name: string,
  start: (port: number) => Promise<T | string>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(host);
    const started = await start(port);
    if (typeof started !== 'string') return started;
    if (/already in use/i.test(started) && attempt < PORT_ATTEMPTS) continue;
    throw new Error(`${name} exited before accepting connections on port ${port}:\n${started}`);
  }
}

export interface Watch {
  /** The program's name in messages ("redis-server on port N not ready in time"). */
  name: string;
  port: number;
  /** The server's temporary directory, removed by the watchdog and by stop(). */
  dir: string;
  /** Whether the server answers a new connection as a ready server does. */
  probe(): Promise<boolean>;
  /** How long to wait between probes. */
  pollMs: number;
  /** When the server must be ready (Date.now() time). */
  deadline: number;
  /** What the server has said so far (stderr, its log), for the errors. */
  output(): string;
  /** What the watchdog sends the server should this process die first (see guard). */
  guardSignal: 'QUIT' | 'TERM' | 'KILL';
  /** How stop() asks the server to shut down, and how long it waits before SIGKILL. */
  stopSignal: NodeJS.Signals;
  stopTimeoutMs: number;
}

/** A server that answered: its process id, and the stop that removes its directory (safe to call twice). */
export interface Watched {
  pid: number;
  stop(): Promise<void>;
}

/**
 * Guards a server just spawned (stderr piped) and probes it until it answers: the running server,
 * or its output if it exited first. A server that neither answers nor exits by the deadline is
 * killed, and the error has its output.
 */
export async function watch(child: ChildProcess, w: Watch): Promise<Watched | string> {
  const exited = exitOf(child);
  const pid = child.pid;
  if (pid === undefined) throw (await exited) ?? new Error(`could not start ${child.spawnfile}`);
  const watchdog = guard(pid, w.dir, w.guardSignal);
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  try {
    const outcome = await Promise.race([ready(w, gone), exited.then(() => 'exited' as const)]);
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
      return w.output();
    }
  } catch (error) {
    watchdog.kill('SIGKILL');
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${error instanceof Error ? error.message : String(error)}:\n${w.output()}`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      watchdog.kill('SIGKILL');
      if (!gone()) {
        child.kill(w.stopSignal);
        const timer = setTimeout(() => child.kill('SIGKILL'), w.stopTimeoutMs);
        await exited;
        clearTimeout(timer);
      }
      rmSync(w.dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  return { pid, stop };
}

/**
 * Resolves once the server answers the probe. While it is starting it refuses the connection (or
 * answers otherwise): try again shortly, until the deadline, or until `gone()` says it exited.
 */
async function ready(w: Watch, gone: () => boolean): Promise<'ready' | 'exited'> {
  for (;;) {
    if (gone()) return 'exited';
    if (await w.probe()) return 'ready';
    if (Date.now() > w.deadline) throw new Error(`${w.name} on port ${w.port} not ready in time`);
    await new Promise((resolve) => setTimeout(resolve, w.pollMs));
  }
}
