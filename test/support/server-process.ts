// Plumbing for the real servers the tests start as child processes (test/pg/support/server.ts,
// test/redis/support/server.ts): a free port, a child's exit, its stderr's last bytes, and a
// watchdog that stops the server if the test process dies without stopping it.
import { type ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';

const LOG_TAIL = 8192;

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
