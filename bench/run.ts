// `pnpm bench [suite] [--quick]`: runs every suite in bench/suites/ (or just the one named), each
// in its own child process:
//
//   node --expose-gc --import tsx --conditions=@stride/source bench/suites/<suite>.ts
//
// --expose-gc gives the harness gc(); `--import tsx` loads the TypeScript sources; the
// `@stride/source` condition makes workspace packages resolve to their src/ entry, not dist/.
// Options after the suite name pass through to the child (the harness reads --quick);
// BENCH_ROUNDS, BENCH_WARMUP, BENCH_QUICK and BENCH_WORKLOAD pass through the environment.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const rootDir = dirname(benchDir);
const suitesDir = join(benchDir, 'suites');

function listSuites(): string[] {
  return readdirSync(suitesDir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .sort();
}

function usage(suites: readonly string[]): string {
  return [
    'usage: pnpm bench [suite] [--quick]',
    '',
    `  suite     one of: ${suites.join(', ') || '(none found in bench/suites/)'}; all when omitted`,
    '  --quick   smoke run: 3 timed rounds, no extra warm-up round',
    '',
    'environment: BENCH_ROUNDS (timed rounds, default 11), BENCH_WARMUP (untimed rounds after the',
    'checking warm-up round, default 1), BENCH_WORKLOAD (run only workloads whose name contains it).',
    'Results: bench/results/<suite>.json.',
  ].join('\n');
}

const suites = listSuites();
const args = process.argv.slice(2).filter((a) => a !== '--');
const flags = args.filter((a) => a.startsWith('-'));
const positional = args.filter((a) => !a.startsWith('-'));

if (flags.includes('--help') || flags.includes('-h')) {
  console.log(usage(suites));
  process.exit(0);
}
const unknownFlags = flags.filter((f) => f !== '--quick');
if (positional.length > 1 || unknownFlags.length > 0) {
  console.error(
    `${usage(suites)}\n\nerror: unexpected argument ${[...positional.slice(1), ...unknownFlags].join(' ')}`,
  );
  process.exit(2);
}
const wanted = positional[0];
if (wanted !== undefined && !suites.includes(wanted)) {
  console.error(`${usage(suites)}\n\nerror: unknown suite '${wanted}'`);
  process.exit(2);
}
const selected = wanted === undefined ? suites : [wanted];
if (selected.length === 0) {
  console.error(`${usage(suites)}\n\nerror: no suites in ${relative(rootDir, suitesDir)}`);
  process.exit(2);
}

const failed: string[] = [];
for (const suite of selected) {
  const file = relative(rootDir, join(suitesDir, `${suite}.ts`));
  const nodeArgs = ['--expose-gc', '--import', 'tsx', '--conditions=@stride/source', file, ...flags];
  console.log(`\n$ node ${nodeArgs.join(' ')}`);
  const child = spawnSync(process.execPath, nodeArgs, { cwd: rootDir, stdio: 'inherit' });
  if (child.error) {
    console.error(`bench: could not start ${suite}: ${child.error.message}`);
    failed.push(suite);
  } else if (child.status !== 0) {
    console.error(`bench: suite ${suite} failed (${child.signal ?? `exit code ${child.status}`})`);
    failed.push(suite);
  }
}
if (failed.length > 0) {
  console.error(`\nbench: ${failed.length} of ${selected.length} suites failed: ${failed.join(', ')}`);
  process.exit(1);
}
