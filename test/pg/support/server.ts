// Debian's PostgreSQL server for one test file: a fresh cluster in a temporary directory, listening
// on 127.0.0.1 on a free port, trusting every local connection. Start it in beforeAll, stop it in
// afterAll. initdb and postgres refuse to run as root, so as root both run as the `postgres` user
// (spawn's uid/gid: the child is postgres itself, so its PID is the postmaster's and SIGINT reaches
// it unchanged, which `runuser` in between would not guarantee).
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, readdirSync } from 'node:fs';
import * as net from 'node:net';
import { delimiter, join } from 'node:path';
import { aptInstall, executable } from '../../support/apt.js';
import { exitOf, inTempDir, onFreePort, tail, watch } from '../../support/server-process.js';
import { startupMessage, terminate } from './wire.js';

export interface PostgresServer {
  host: '127.0.0.1';
  port: number;
  user: 'postgres';
  database: 'postgres';
  /** The postmaster's process id. */
  pid: number;
  /** The temporary directory holding the cluster (data/) and the Unix socket; removed by stop(). */
  dir: string;
  /** Fast shutdown (SIGINT), waits for the postmaster to exit, removes `dir`. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** More `-c name=value` server settings, after the defaults (which they override). */
  settings?: Record<string, string | number>;
  /** How long initdb plus the start may take before it is an error (default 60 s). */
  timeoutMs?: number;
}

const HOST = '127.0.0.1';
/** Settings for a throwaway cluster: no durability, little memory, nothing to wait for. */
const FAST_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  shared_buffers: '16MB',
  max_connections: 20,
  autovacuum: 'off',
};

export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const bin = findBinDir();
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const owner = serverUser();
  return inTempDir('stride-pg-', async (dir) => {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const data = join(dir, 'data');
    await run(
      join(bin, 'initdb'),
      ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'],
      { cwd: dir, owner, deadline },
    );
    const settings = { ...FAST_SETTINGS, ...options.settings, listen_addresses: HOST };
    return onFreePort(HOST, 'postgres', (port) =>
      launch(join(bin, 'postgres'), { data, dir, port, settings, owner, deadline }),
    );
  });
}

interface Launch {
  data: string;
  dir: string;
  port: number;
  settings: Record<string, string | number>;
  owner: { uid: number; gid: number } | undefined;
  deadline: number;
}

/** Starts the postmaster; the running server, or its log if it exited before it was ready. */
async function launch(postgres: string, at: Launch): Promise<PostgresServer | string> {
  const args = ['-D', at.data, '-p', String(at.port), '-k', at.dir];
  for (const [name, value] of Object.entries(at.settings)) args.push('-c', `${name}=${value}`);
  const child = spawn(postgres, args, {
    cwd: at.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(at.owner ?? {}),
  });
  // Should this process die first, the watchdog stops the postmaster with SIGQUIT (immediate
  // shutdown); stop() asks for a fast shutdown (SIGINT).
  const started = await watch(child, {
    name: 'postgres',
    port: at.port,
    dir: at.dir,
    probe: async () => (await probe(at.port)) === 'R'.charCodeAt(0),
    pollMs: 50,
    deadline: at.deadline,
    output: tail(child),
    guardSignal: 'QUIT',
    stopSignal: 'SIGINT',
    stopTimeoutMs: 15_000,
  });
  if (typeof started === 'string') return started;
  return { host: HOST, port: at.port, user: 'postgres', database: 'postgres', dir: at.dir, ...started };
}

/** The directory holding initdb and postgres: pg_config's, Debian's newest, or one on PATH. */
export function findBinDir(): string {
  const found = lookForBinDir();
  if (found) return found;
  // As .ci/run does; only as root on Debian (see test/support/apt.ts).
  aptInstall(['postgresql'], 'ls /usr/lib/postgresql/*/bin/initdb');
  const installed = lookForBinDir();
  if (installed) return installed;
  throw new Error(
    'PostgreSQL server not found (initdb and postgres, looked in pg_config --bindir, ' +
      '/usr/lib/postgresql/<version>/bin and PATH): install it with `apt-get install postgresql` (Debian)',
  );
}

function lookForBinDir(): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim());
  } catch {
    // no pg_config on PATH
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+(\.\d+)?$/.test(v));
    versions.sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean));
  return candidates.find((d) => executable(join(d, 'initdb')) && executable(join(d, 'postgres')));
}

/** As root, the `postgres` user's ids (the Debian package creates it); otherwise run as ourselves. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => {
    try {
      return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }).trim());
    } catch {
      throw new Error('running as root, but there is no `postgres` user: `apt-get install postgresql`');
    }
  };
  return { uid: id('-u'), gid: id('-g') };
}

interface RunOptions {
  cwd: string;
  owner: { uid: number; gid: number } | undefined;
  deadline: number;
}

/** Runs a command to completion; rejects with its output if it fails or outlives the deadline. */
async function run(command: string, args: string[], { cwd, owner, deadline }: RunOptions): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(owner ?? {}) });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (output += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (output += s));
  const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(0, deadline - Date.now()));
  const error = await exitOf(child);
  clearTimeout(timer);
  if (error) throw error;
  if (child.exitCode !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${child.exitCode ?? child.signalCode}):\n${output}`,
    );
  }
}

/**
 * The first byte the server sends after a StartupMessage, or -1 if the connection fails. A ready
 * server answers with an Authentication message ('R'); while it is starting up it refuses the
 * connection or answers ErrorResponse ('E').
 */
function probe(port: number): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port });
    const done = (byte: number) => {
      resolve(byte);
      // After an Authentication message, Terminate so the server does not log an unexpected EOF.
      if (byte === 'R'.charCodeAt(0)) socket.end(terminate());
      else socket.destroy();
    };
    socket.once('error', () => done(-1));
    socket.once('close', () => done(-1));
    socket.once('data', (chunk: Buffer) => done(chunk[0] ?? -1));
    socket.once('connect', () => socket.write(startupMessage({ user: 'postgres', database: 'postgres' })));
  });
}
