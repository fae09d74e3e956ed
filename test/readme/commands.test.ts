/**
 * Every command the READMEs, CONTRIBUTING.md and docs/ tell a reader to type runs as written from
 * the repository root: exit status 0, no build, no global pnpm or tsx (only what `npx` finds).
 * The commands that cannot run here (servers, installs, benchmarks, CI itself) are listed below,
 * each with its reason; a placeholder (FILE) is filled with a real file. A command that is neither
 * listed nor runnable fails this test, and so does a listed command no document has any more.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCommands, type Command, extractCommands, readerEnv, root } from './commands.js';

const pnpm = 'npx --yes pnpm@10.34.8';

/** Commands that are not run, and why. */
const notRun: Record<string, string> = {
  [`${pnpm} install && ${pnpm} demo`]:
    'the quick start: .ci/run does the install and runs the test line; `demo` alone runs here (CONTRIBUTING.md)',
  [`${pnpm} install && ${pnpm} test`]:
    'the quick start: .ci/run reads this line and runs it as the test command',
  'npx tsx --conditions=@stride/source examples/tcp-echo/server.ts 7007':
    'a server: runs until Ctrl-C (test/rx/tcp-echo.test.ts runs it with its client on a free port)',
  'npx tsx --conditions=@stride/source examples/tcp-echo/client.ts 7007':
    'needs the server running in another terminal (test/rx/tcp-echo.test.ts runs the pair)',
  [pnpm]: "a prefix for the script names in the README's table (checked against package.json below)",
  'sudo -u postgres /usr/lib/postgresql/15/bin/initdb -D /tmp/stride-pg -A trust -U postgres':
    'creates a PostgreSQL cluster as the postgres user (test/pg/support/server.ts does the same in a temporary directory for the tests)',
  'sudo -u postgres /usr/lib/postgresql/15/bin/postgres -D /tmp/stride-pg -c listen_addresses=127.0.0.1 -p 5432 -k /tmp':
    'a server: runs until Ctrl-C (test/pg/support/server.ts starts one on a free port for the tests)',
  'npx tsx --conditions=@stride/source examples/pg/query.ts "select n, \'row \' || n as s, now() as at from generate_series(1, 3) as n"':
    'needs a PostgreSQL server: test/pg/client.test.ts starts one and runs this command against it',
  'npx tsx --conditions=@stride/source examples/pg/query.ts --binary "select \\$1::int8 * 2 as twice, array[1.5, null]::numeric[] as a" 21':
    'needs a PostgreSQL server: test/pg/client.test.ts starts one and runs this command against it',
  'npx tsx --conditions=@stride/source examples/redis/server.ts':
    'a server: runs until Ctrl-C (test/redis/redis-cli.test.ts starts it on a free port and runs redis-cli and client.ts against it)',
  'npx tsx --conditions=@stride/source examples/redis/client.ts':
    'needs the example server running in another terminal: test/redis/redis-cli.test.ts runs it against that server and a real redis-server',
  'npx tsx --conditions=@stride/source examples/redis/client.ts --resp3 KEYS "*"':
    'needs the example server running in another terminal: test/redis/redis-cli.test.ts runs the client against it, RESP3 too',
  'redis-cli -p 6380 PING':
    "needs the example server running, and Debian's redis-cli: test/redis/redis-cli.test.ts runs redis-cli against it on a free port",
  'redis-cli -p 6380 SET greeting hello':
    "needs the example server running, and Debian's redis-cli: test/redis/redis-cli.test.ts runs SET and GET through redis-cli",
  'redis-cli -p 6380 -3 HELLO 3':
    "needs the example server running, and Debian's redis-cli: test/redis/redis-cli.test.ts runs HELLO 3 through redis-cli -3",
  "printf 'SET n 41\\nINCR n\\nGET n\\n' | redis-cli -p 6380":
    "needs the example server running, and Debian's redis-cli: test/redis/redis-cli.test.ts pipes a batch of lines into redis-cli",
  '/usr/sbin/mosquitto -p 1883':
    "a broker (Debian's mosquitto): runs until Ctrl-C (test/mqtt/support/broker.ts starts one on a free port for test/mqtt/examples.test.ts)",
  'npx tsx --conditions=@stride/source examples/mqtt/bridge.ts':
    'a bridge: runs until Ctrl-C, and needs a broker (test/mqtt/examples.test.ts starts it on a free port, between the example clients and mosquitto)',
  'npx tsx --conditions=@stride/source examples/mqtt/subscriber.ts --port 1884':
    'needs the broker and the bridge running: test/mqtt/examples.test.ts runs it through the bridge (MQTT 3.1.1)',
  'npx tsx --conditions=@stride/source examples/mqtt/publisher.ts --port 1884':
    'needs the broker and the bridge running: test/mqtt/examples.test.ts runs it through the bridge (MQTT 5.0)',
  "mosquitto_sub -p 1883 -t 'site1/#' -v":
    "needs the broker running, and Debian's mosquitto_sub: test/mqtt/examples.test.ts runs it on the broker's prefixed topics",
  'npx tsx --conditions=@stride/source examples/<path>.ts':
    'a pattern for any example; the examples the documents name run here one by one',
  'tsx --conditions=@stride/source': "names tsx's flag, not a command",
  [`${pnpm} install`]: 'installs packages (.ci/run installs before the tests)',
  [`${pnpm} install --frozen-lockfile`]: 'installs packages (.ci/run installs before the tests)',
  [`${pnpm} build`]:
    "writes every package's dist/, after which a command missing --conditions=@stride/source would pass by accident (.ci/run builds)",
  [`${pnpm} build && ${pnpm} api --update`]:
    'rewrites the checked-in API reports from a build (.ci/run builds and checks them: `api` without --update)',
  [`${pnpm} exec stride`]:
    'says how test/cli/stride-bin.test.ts runs the command; without arguments it is a usage error (status 2)',
  [`${pnpm} test`]: 'every test, this one included (.ci/run runs it)',
  [`${pnpm} test --project codec-interpreted packages/codec/test/numbers/bool.test.ts`]:
    'a Vitest run like the one-file line before it (which runs here), narrowed to one project; each costs a Vitest start-up',
  [`${pnpm} test packages/codec/test/numbers/bool.test-d.ts`]:
    'type-checks the whole project with tsc (half a minute); the full test run type-checks every *.test-d.ts',
  [`${pnpm} typecheck`]: 'tsc over the whole repository (a minute); .ci/run runs it',
  [`${pnpm} lint`]: 'Biome over the whole repository; .ci/run runs it',
  [`${pnpm} format`]: 'rewrites files',
  '.ci/run': 'CI itself: installs, lints, type-checks, builds and runs every test (minutes)',
};
const benchmark = 'a benchmark: minutes of timed rounds, and it would load the cores the other tests share';
for (const args of [
  '',
  ' <suite>',
  ' view',
  ' codec',
  ' rx',
  ' png',
  ' pg',
  ' redis',
  ' mqtt',
  ' pcap',
  ' ksy',
  ' view --quick',
]) {
  notRun[`${pnpm} bench${args}`] = benchmark;
}
notRun[`BENCH_WORKLOAD=fixed-struct BENCH_ROUNDS=5 ${pnpm} bench codec`] = benchmark;

/** Commands with a placeholder, and what this test runs instead ($ARCHIVE: a ustar file GNU tar made). */
const placeholders: Record<string, string> = {
  [`${pnpm} exec stride png inspect FILE`]: `${pnpm} exec stride png inspect examples/png/sample.png`,
  'npx tsx --conditions=@stride/source examples/tar/list.ts some.tar':
    'npx tsx --conditions=@stride/source examples/tar/list.ts "$ARCHIVE"',
};
let archive = '';

const commands = allCommands();

/** The commands to run, each once, with the places that show it. */
function runnable(): { run: string; wheres: string[] }[] {
  const byRun = new Map<string, string[]>();
  for (const c of commands) {
    if (c.text in notRun) continue;
    const run = placeholders[c.text] ?? c.text;
    byRun.set(run, [...(byRun.get(run) ?? []), c.where]);
  }
  return [...byRun].map(([run, wheres]) => ({ run, wheres }));
}

interface Outcome {
  status: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  ms: number;
}

/** At most two commands at a time: the machine has two cores, shared with the other test files. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(task: () => Promise<T>): Promise<T> {
  if (running >= 2) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function sh(command: string, timeoutMs: number): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], {
      cwd: root,
      env: readerEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so a timeout ends npx's children too
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (output += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (output += s));
    const timer = setTimeout(() => {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, output, ms: Date.now() - started });
    });
  });
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stride-readme-'));
  mkdirSync(join(dir, 'files'));
  writeFileSync(join(dir, 'files', 'hello.txt'), 'hello, world\n');
  archive = join(dir, 'some.tar');
  return new Promise<void>((resolve, reject) => {
    const tar = spawn('tar', ['--format=ustar', '-cf', archive, '-C', join(dir, 'files'), 'hello.txt']);
    tar.on('error', reject);
    tar.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`tar exited with ${status}`))));
  });
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the commands in the documentation', () => {
  it('are found in the READMEs, CONTRIBUTING.md and docs/', () => {
    const where = (text: string) => commands.filter((c) => c.text === text).map((c) => c.where.split(':')[0]);
    expect(where('node packages/cli/bin/stride.js png inspect examples/png/sample.png')).toEqual([
      'packages/cli/README.md',
    ]);
    expect(where('npx tsx --conditions=@stride/source examples/codec/strd.ts')).toContain(
      'packages/codec/README.md',
    );
    expect(where('.ci/run')).toContain('CONTRIBUTING.md');
    // the comment after a command is not part of it
    expect(where('npx tsx --conditions=@stride/source examples/tcp-echo/server.ts 7007')).toEqual([
      'README.md',
    ]);
  });

  it('reads sh blocks line by line and inline spans that start with a command', () => {
    const found = extractCommands(
      'sample.md',
      [
        'Run `npx tsx a.ts` or `foo`.',
        '```sh',
        '# a comment',
        'node b.js --x   # what it does',
        'node c.js \\',
        '  --long',
        '```',
        '```',
        'node not-a-shell-block.js',
        '```',
        '```ts',
        "const x = '`npx not-prose`';",
        '```',
      ].join('\n'),
    );
    expect(found.map((c: Command) => [c.text, c.kind, c.where])).toEqual([
      ['npx tsx a.ts', 'inline', 'sample.md:1'],
      ['node b.js --x', 'block', 'sample.md:4'],
      ['node c.js --long', 'block', 'sample.md:5'],
    ]);
  });

  it('lists only commands that some document still shows', () => {
    const shown = new Set(commands.map((c) => c.text));
    const stale = [...Object.keys(notRun), ...Object.keys(placeholders)].filter((text) => !shown.has(text));
    expect(stale).toEqual([]);
  });

  it("names in the README's table only scripts package.json has", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const table = readme.split('## Working on Stride')[1]?.split('\n\n')[1] ?? '';
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
    const named = table
      .split('\n')
      .slice(2)
      .flatMap((row) =>
        [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]?.split(' ')[0]),
      );
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !scripts.includes(name ?? ''))).toEqual([]);
  });

  for (const { run, wheres } of runnable()) {
    it.concurrent(`${run}  (${wheres.join(', ')})`, async () => {
      const command = run.replaceAll('$ARCHIVE', archive);
      const outcome = await slot(() => sh(command, 50_000));
      const tail = outcome.output.split('\n').slice(-25).join('\n');
      expect(
        { status: outcome.status, signal: outcome.signal },
        `\`${command}\` (${outcome.ms} ms):\n${tail}`,
      ).toEqual({ status: 0, signal: null });
    }, 120_000);
  }
});
