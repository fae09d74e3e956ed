// Bench harness shared by every suite (view, codec, png, ...).
//
// Method (docs/design.md, "Benchmarking rules"): one process per suite
// (bench/run.ts spawns it); inside it, each workload runs its contestants interleaved round by
// round, in an order rotated every round. A warm-up round first checks every contestant's output
// (a mismatch throws, naming the contestant) and only then are the timed rounds run. gc() runs
// before every iteration, outside the timed window, and the process then idles SETTLE_MS: V8
// sweeps and frees what a collection found on threads of its own after gc() returns, and on two
// cores that work would run against the next timed iteration (one contestant's garbage, say a
// decoder's million kept objects, charged to whoever runs after it). tinybench times each iteration (one task per
// contestant, driven one iteration at a time, raw samples kept); the figure per contestant is the
// median over the rounds. Compare figures only within one run.
//
// A contestant whose run() returns a promise (found out in the warm-up round) is asynchronous:
// tinybench's async run() awaits it inside the timed window (one microtask turn more than a sync
// iteration, nothing next to a run of milliseconds). Synchronous contestants stay on runSync().

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Bench, type Task } from 'tinybench';

/** One way of doing a workload's job. */
export interface Contestant<R = unknown> {
  /** `stride`, an anchor's npm name (`bl`), or `limit:<what>` for a hand-written ceiling. */
  name: string;
  /** Once, untimed, before the warm-up round (build the contestant's own structures here). */
  setup?(): void;
  /**
   * One iteration: the timed work. Return what it computed (a checksum, the objects...), or a
   * promise of it: the iteration is then timed until the promise settles.
   */
  run(): R | Promise<R>;
  /** Throws if `result` is wrong. Called on the warm-up round's result, before any timing. */
  check(result: R): void;
  /** Once, after the workload, to drop what setup() built. */
  teardown?(): void;
  /** Overrides the workload's figure, for a contestant that does more (or fewer) ops per run(). */
  opsPerIteration?: number;
  /** Overrides the workload's figure, in proportion to `opsPerIteration`. */
  bytesPerIteration?: number;
  /**
   * Printed with the others but not written to the results file: a second way of using Stride
   * (say, a per-call API next to the bulk one) whose figure is worth seeing but is not the entry.
   */
  informational?: boolean;
}

export interface Workload {
  /** Name in the results file, e.g. `chain-sequential-u32`. */
  name: string;
  /** What one op is, singular: `read`, `record`, `chunk`, `slice`. opsPerSec counts these. */
  unit: string;
  /** Ops done by one run() of each contestant. */
  opsPerIteration: number;
  /** Bytes covered by one run() (for MB/s; MB = 10^6 bytes). */
  bytesPerIteration: number;
  /** Once, before the contestants' setup() (build the shared input here). */
  setup?(): void;
  /** Once, after the workload (drop the shared input). */
  teardown?(): void;
  contestants: Contestant[];
  /**
   * The contestant the table's ratio column, the ratio lines and their "faster/slower" compare
   * against (default `stride`; else the first contestant).
   */
  baseline?: string;
  /**
   * Also measure the memory each op's result keeps alive: gc(), run(), gc() with the result still
   * referenced, and (heapUsed + external) after minus before, divided by the ops. The median of
   * `repeats` measurements goes into each row as `field`.
   */
  memory?: { field: string; repeats?: number };
  /** Free-form lines printed under the workload's table. */
  notes?: string[];
  /** Targets to print a verdict for (informational: they do not change the exit code). */
  goals?: Goal[];
}

/**
 * A target on the time-per-op ratio `time(numerator) / time(denominator)`, e.g.
 * `{ numerator: 'stride', denominator: 'limit:flat-dataview', max: 1.5 }` (at most 1.5x the time),
 * `{ numerator: 'bl', denominator: 'stride', min: 3 }` (stride at least 3x faster than bl).
 */
export interface Goal {
  numerator: string;
  denominator: string;
  /**
   * Take the denominator from this earlier workload of the same run (say, a streaming workload
   * against the contiguous one it chunks); the goal is not measured when that workload did not run.
   */
  denominatorWorkload?: string;
  max?: number;
  min?: number;
}

export interface Suite {
  name: string;
  workloads: Workload[];
}

export interface ResultRow {
  suite: string;
  workload: string;
  contestant: string;
  opsPerSec: number;
  mbPerSec: number;
  [extra: string]: string | number;
}

export interface BenchConfig {
  /** `--quick` or BENCH_QUICK=1: a smoke run (3 rounds, no extra warm-up). */
  quick: boolean;
  /** Timed rounds: BENCH_ROUNDS, default 11 (3 with --quick). */
  rounds: number;
  /** Untimed rounds after the checking warm-up round: BENCH_WARMUP, default 1 (0 with --quick). */
  warmupRounds: number;
  /** BENCH_WORKLOAD: run only the workloads whose name contains this. */
  workloadFilter: string | undefined;
}

function intEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${raw}`);
  return n;
}

export function readConfig(argv: readonly string[] = process.argv.slice(2)): BenchConfig {
  const quick = argv.includes('--quick') || ['1', 'true', 'yes'].includes(process.env.BENCH_QUICK ?? '');
  return {
    quick,
    rounds: intEnv('BENCH_ROUNDS', quick ? 3 : 11, 1),
    warmupRounds: intEnv('BENCH_WARMUP', quick ? 0 : 1, 0),
    workloadFilter: process.env.BENCH_WORKLOAD || undefined,
  };
}

export const config: BenchConfig = readConfig();

/** bench/ (this file's directory) and bench/results/. */
export const benchDir = dirname(fileURLToPath(import.meta.url));
export const resultsDir = join(benchDir, 'results');

// gc(): exposed by `node --expose-gc` (bench/run.ts passes it); otherwise enabled at runtime so a
// suite can also be started directly with `npx tsx bench/suites/<suite>.ts`.
function findGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  if (typeof gc !== 'function') throw new Error('gc() is not available: run with node --expose-gc');
  return gc;
}

export const gc: () => void = findGc();

/** How long the process idles after gc(), before a timed iteration (see the header). */
const SETTLE_MS = 100;
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

// The sink: every result is folded in here, so no contestant's work can be dropped as dead code.
let sinkAcc = 0;
export function consume(value: unknown): void {
  if (typeof value === 'number') sinkAcc = (sinkAcc + value) | 0;
  else if (typeof value === 'bigint') sinkAcc = (sinkAcc + Number(value & 0xffffn)) | 0;
  else if (typeof value === 'string') sinkAcc = (sinkAcc + value.length) | 0;
  else if (value !== null && typeof value === 'object') {
    const length = (value as { length?: unknown }).length;
    sinkAcc = (sinkAcc + (typeof length === 'number' ? length : 1)) | 0;
  } else sinkAcc = (sinkAcc + 1) | 0;
}
(globalThis as { __benchSink?: () => number }).__benchSink = () => sinkAcc;

function median(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function memoryNow(): { heap: number; external: number } {
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}

interface Measured {
  contestant: Contestant;
  ops: number;
  bytes: number;
  samplesMs: number[];
  medianMs: number;
  spread: number; // half of (max - min), relative to the median
  memory?: { total: number; heap: number; external: number };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fail(suite: Suite, workload: Workload, contestant: Contestant, what: string, error: unknown): never {
  throw new Error(
    `${suite.name}/${workload.name}: contestant ${contestant.name} ${what}: ${describeError(error)}`,
    { cause: error },
  );
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as Promise<unknown> | undefined)?.then === 'function';
}

/**
 * Warm-up round: run and check every contestant once, in declaration order. Returns the
 * asynchronous contestants (those whose run() returned a promise).
 */
async function warmUpAndCheck(suite: Suite, workload: Workload): Promise<Set<Contestant>> {
  const async = new Set<Contestant>();
  for (const c of workload.contestants) {
    gc();
    let result: unknown;
    try {
      result = c.run();
      if (isPromise(result)) {
        async.add(c);
        result = await result;
      }
    } catch (error) {
      fail(suite, workload, c, 'threw during the warm-up round', error);
    }
    try {
      c.check(result);
    } catch (error) {
      fail(suite, workload, c, 'produced a wrong result', error);
    }
    consume(result);
    result = undefined;
  }
  return async;
}

async function measureMemory(workload: Workload, c: Contestant, ops: number): Promise<Measured['memory']> {
  const repeats = workload.memory?.repeats ?? 3;
  const totals: number[] = [];
  const heaps: number[] = [];
  const externals: number[] = [];
  for (let i = 0; i < repeats; i++) {
    gc();
    gc();
    const before = memoryNow();
    let result: unknown = await c.run();
    gc();
    gc();
    const after = memoryNow();
    consume(result); // keeps `result` alive until after the second reading
    result = undefined;
    heaps.push((after.heap - before.heap) / ops);
    externals.push((after.external - before.external) / ops);
    totals.push((after.heap - before.heap + after.external - before.external) / ops);
  }
  const sort = (xs: number[]) => xs.sort((a, b) => a - b);
  return { total: median(sort(totals)), heap: median(sort(heaps)), external: median(sort(externals)) };
}

async function runWorkload(suite: Suite, workload: Workload, cfg: BenchConfig): Promise<Measured[]> {
  const contestants = workload.contestants;
  const names = new Set<string>();
  for (const c of contestants) {
    if (names.has(c.name)) throw new Error(`${suite.name}/${workload.name}: duplicate contestant ${c.name}`);
    names.add(c.name);
  }

  workload.setup?.();
  for (const c of contestants) {
    try {
      c.setup?.();
    } catch (error) {
      fail(suite, workload, c, 'failed in setup()', error);
    }
  }
  const async = await warmUpAndCheck(suite, workload);

  // One tinybench task per contestant, each run for exactly one iteration per round, gc() in
  // beforeEach (outside the timed window), raw samples retained.
  const bench = new Bench({
    name: `${suite.name}/${workload.name}`,
    iterations: 1,
    time: 0,
    warmup: false,
    retainSamples: true,
    throws: true,
  });
  let last: unknown;
  const tasks = new Map<Contestant, Task>();
  for (const c of contestants) {
    const run = c.run.bind(c);
    if (async.has(c)) {
      bench.add(
        c.name,
        async () => {
          last = await run();
        },
        { async: true },
      );
    } else {
      bench.add(
        c.name,
        () => {
          last = run();
        },
        { async: false },
      );
    }
    const task = bench.getTask(c.name);
    if (!task) throw new Error(`tinybench lost task ${c.name}`);
    tasks.set(c, task);
  }
  const samples = new Map<Contestant, number[]>(contestants.map((c) => [c, []]));

  const timeOnce = async (c: Contestant): Promise<number> => {
    const task = tasks.get(c) as Task;
    task.reset(false);
    gc();
    await settle();
    if (async.has(c)) await task.run();
    else task.runSync();
    const result = task.result;
    if (result.state === 'errored') fail(suite, workload, c, 'threw while timed', result.error);
    if (result.state !== 'completed') throw new Error(`${c.name}: tinybench task ended as ${result.state}`);
    const sample = result.latency.samples?.[0];
    if (sample === undefined || result.latency.samplesCount !== 1) {
      throw new Error(`${c.name}: expected exactly one tinybench sample, got ${result.latency.samplesCount}`);
    }
    consume(last);
    last = undefined;
    return sample;
  };

  const n = contestants.length;
  const totalRounds = cfg.warmupRounds + cfg.rounds;
  for (let round = 0; round < totalRounds; round++) {
    for (let i = 0; i < n; i++) {
      const c = contestants[(i + round) % n] as Contestant;
      const ms = await timeOnce(c);
      if (round >= cfg.warmupRounds) samples.get(c)?.push(ms);
    }
  }

  const measured: Measured[] = contestants.map((c) => {
    const xs = (samples.get(c) as number[]).slice().sort((a, b) => a - b);
    const med = median(xs);
    const ops = c.opsPerIteration ?? workload.opsPerIteration;
    const bytes = c.bytesPerIteration ?? (workload.bytesPerIteration * ops) / workload.opsPerIteration;
    return {
      contestant: c,
      ops,
      bytes,
      samplesMs: xs,
      medianMs: med,
      spread: ((xs[xs.length - 1] as number) - (xs[0] as number)) / 2 / med,
    };
  });

  if (workload.memory) {
    for (const m of measured) m.memory = await measureMemory(workload, m.contestant, m.ops);
  }

  for (const c of contestants) c.teardown?.();
  workload.teardown?.();
  gc();
  return measured;
}

// ---- printing --------------------------------------------------------------------------------

function si(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e9) return `${(x / 1e9).toFixed(2)}G`;
  if (abs >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${(x / 1e3).toFixed(2)}k`;
  return x.toFixed(2);
}

function fixed(x: number, digits: number): string {
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function ms(x: number): string {
  return x >= 100 ? fixed(x, 1) : x >= 1 ? fixed(x, 2) : x >= 0.01 ? fixed(x, 4) : x.toExponential(2);
}

function ratio(x: number): string {
  if (x > 0 && x < 0.01) return `${x.toPrecision(2)}x (1/${(1 / x).toFixed(0)})`;
  return `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}x`;
}

function table(headers: string[], rows: string[][], rightAlign: boolean[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (rightAlign[i] ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function isLimit(name: string): boolean {
  return name.startsWith('limit:');
}

function printWorkload(
  suite: Suite,
  workload: Workload,
  measured: Measured[],
  cfg: BenchConfig,
  earlier: ReadonlyMap<string, Measured[]> = new Map(),
): void {
  const unit = workload.unit;
  // `stride` below is the baseline: the contestant named 'stride' unless the workload names another.
  const strideName = workload.baseline ?? 'stride';
  const stride = measured.find((m) => m.contestant.name === strideName);
  const base = stride ?? measured[0];
  const baseName = base?.contestant.name ?? '?';
  const mem = workload.memory;
  const perOpMs = (m: Measured) => m.medianMs / m.ops;

  const varied = measured.some((m) => m.ops !== workload.opsPerIteration);
  const perIteration = varied
    ? `${unit}s per iteration vary by contestant (column ${unit}s/iter)`
    : `${fixed(workload.opsPerIteration, 0)} ${unit}s, ${fixed(workload.bytesPerIteration / 1e6, 2)} MB per iteration`;
  console.log(
    `\n== ${suite.name} / ${workload.name}: ${perIteration}; ` +
      `median of ${cfg.rounds} rounds (after ${cfg.warmupRounds + 1} warm-up, the first checked)`,
  );
  const headers = ['contestant'];
  if (varied) headers.push(`${unit}s/iter`);
  headers.push('median ms', '±', `${unit}s/s`, 'MB/s', `ns/${unit}`, `time vs ${baseName}`);
  if (mem) headers.push(`bytes/${unit}`, '(heap + external)');
  const rows = measured.map((m) => {
    const row = [m.contestant.name];
    if (varied) row.push(fixed(m.ops, 0));
    row.push(
      ms(m.medianMs),
      `${(m.spread * 100).toFixed(1)}%`,
      si((m.ops * 1000) / m.medianMs),
      fixed((m.bytes / 1e6) * (1000 / m.medianMs), 0),
      fixed(perOpMs(m) * 1e6, 2),
      base ? ratio(perOpMs(m) / perOpMs(base)) : '-',
    );
    if (mem) {
      const b = m.memory;
      row.push(b ? fixed(b.total, 0) : '-', b ? `${fixed(b.heap, 0)} + ${fixed(b.external, 0)}` : '-');
    }
    return row;
  });
  console.log(
    table(
      headers,
      rows,
      headers.map((_, i) => i > 0),
    ),
  );

  // Ratios, per op, from the medians of this run.
  if (stride) {
    const limits = measured.filter((m) => isLimit(m.contestant.name));
    const anchors = measured.filter((m) => m !== stride && !isLimit(m.contestant.name));
    for (const l of limits) {
      const r = perOpMs(stride) / perOpMs(l);
      console.log(`  ${strideName} / ${l.contestant.name} time = ${ratio(r)}`);
    }
    for (const a of anchors) {
      const r = perOpMs(a) / perOpMs(stride);
      console.log(
        `  ${a.contestant.name} / ${strideName} time = ${ratio(r)}  (${strideName} ${r >= 1 ? `${ratio(r)} faster` : `${ratio(1 / r)} slower`})`,
      );
    }
    if (mem && stride.memory) {
      for (const m of measured) {
        if (m === stride || !m.memory) continue;
        console.log(
          `  ${mem.field}: ${strideName} ${fixed(stride.memory.total, 0)} B vs ${m.contestant.name} ${fixed(m.memory.total, 0)} B`,
        );
      }
    }
  }
  // Limits against each other (e.g. a per-chunk hand loop against one flat view).
  const limits = measured.filter((m) => isLimit(m.contestant.name));
  for (let i = 1; i < limits.length; i++) {
    const a = limits[i] as Measured;
    const b = limits[0] as Measured;
    console.log(`  ${a.contestant.name} / ${b.contestant.name} time = ${ratio(perOpMs(a) / perOpMs(b))}`);
  }
  for (const goal of workload.goals ?? []) {
    const a = measured.find((m) => m.contestant.name === goal.numerator);
    const from = goal.denominatorWorkload === undefined ? measured : earlier.get(goal.denominatorWorkload);
    const b = from?.find((m) => m.contestant.name === goal.denominator);
    const bounds = [
      goal.max !== undefined ? `<= ${ratio(goal.max)}` : '',
      goal.min !== undefined ? `>= ${ratio(goal.min)}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    const denominator =
      goal.denominatorWorkload === undefined
        ? goal.denominator
        : `${goal.denominatorWorkload}:${goal.denominator}`;
    const label = `goal: ${goal.numerator} / ${denominator} time ${bounds}`;
    if (!a || !b) {
      console.log(
        `  ${label}: not measured${from ? '' : ` (workload ${goal.denominatorWorkload} did not run)`}`,
      );
      continue;
    }
    const r = perOpMs(a) / perOpMs(b);
    const met = (goal.max === undefined || r <= goal.max) && (goal.min === undefined || r >= goal.min);
    console.log(`  ${label}: ${ratio(r)}, ${met ? 'met' : 'NOT MET'}`);
  }
  for (const note of workload.notes ?? []) console.log(`  note: ${note}`);
}

function rowsOf(suite: Suite, workload: Workload, measured: Measured[]): ResultRow[] {
  return measured
    .filter((m) => !m.contestant.informational)
    .map((m) => {
      const row: ResultRow = {
        suite: suite.name,
        workload: workload.name,
        contestant: m.contestant.name,
        opsPerSec: Math.round((m.ops * 1000) / m.medianMs),
        mbPerSec: Math.round((m.bytes / 1e6) * (1000 / m.medianMs) * 100) / 100,
      };
      if (workload.memory && m.memory) row[workload.memory.field] = Math.round(m.memory.total * 10) / 10;
      return row;
    });
}

/** Runs every workload of `suite` and writes bench/results/<suite>.json. */
export async function runSuite(suite: Suite, cfg: BenchConfig = config): Promise<ResultRow[]> {
  const file = join(resultsDir, `${suite.name}.json`);
  // A full run replaces the file (and deletes it first, so a failed run leaves no stale figures); a
  // BENCH_WORKLOAD run only replaces the rows of the workloads it ran.
  if (!cfg.workloadFilter) rmSync(file, { force: true });
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `# suite ${suite.name}: node ${process.version}, V8 ${process.versions.v8}, ${cpus().length} x ${cpu}` +
      `${cfg.quick ? ' (--quick)' : ''}`,
  );
  console.log(
    '# per contestant: median over the timed rounds; ± = half the min..max range of the rounds, ' +
      'relative to the median; ratios are per op, from the medians of this run',
  );
  const workloads = suite.workloads.filter((w) => !cfg.workloadFilter || w.name.includes(cfg.workloadFilter));
  if (workloads.length === 0) throw new Error(`no workload of ${suite.name} matches ${cfg.workloadFilter}`);
  const rows: ResultRow[] = [];
  const measuredBy = new Map<string, Measured[]>();
  for (const workload of workloads) {
    const started = performance.now();
    const measured = await runWorkload(suite, workload, cfg);
    measuredBy.set(workload.name, measured);
    printWorkload(suite, workload, measured, cfg, measuredBy);
    console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    rows.push(...rowsOf(suite, workload, measured));
  }
  mkdirSync(resultsDir, { recursive: true });
  let out = rows;
  if (cfg.workloadFilter && existsSync(file)) {
    const ran = new Set(workloads.map((w) => w.name));
    const previous = JSON.parse(readFileSync(file, 'utf8')) as ResultRow[];
    out = [...previous.filter((r) => !ran.has(r.workload)), ...rows];
  }
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${file}`);
  return rows;
}

/**
 * Entry point for a suite module: runs it, reports a failure as a message and exit code 1 (the
 * promise never rejects).
 */
export async function main(suite: Suite): Promise<void> {
  try {
    await runSuite(suite);
  } catch (error) {
    console.error(`\nbench ${suite.name} FAILED: ${describeError(error)}`);
    if (process.env.BENCH_DEBUG && error instanceof Error) console.error(error.stack);
    process.exitCode = 1;
  }
}

/**
 * Entry point for a suite module that does more than runSuite (its own input, summaries): runs it,
 * reports a failure as a message and exit code 1 (the promise never rejects), and after a failed
 * full run removes the suite's results file, so that no figures of a half run are left.
 */
export async function runGuarded(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    console.error(`\nbench ${name} FAILED: ${describeError(error)}`);
    if (process.env.BENCH_DEBUG && error instanceof Error) console.error(error.stack);
    if (!config.workloadFilter) rmSync(join(resultsDir, `${name}.json`), { force: true });
    process.exitCode = 1;
  }
}

/**
 * For a suite whose workloads are named `<workload>/<variant>` (the harness runs each variant as a
 * workload of its own): rewrites the results file so that each such row becomes
 * `{ workload, [field]: variant, ... }`, replacing the rows of an earlier run of the same workload
 * and variant (a BENCH_WORKLOAD run keeps the others). Returns this run's `rows`, relabelled.
 */
export function relabelRows(suite: string, field: string, rows: readonly ResultRow[]): ResultRow[] {
  const split = (r: ResultRow): ResultRow => {
    const at = r.workload.indexOf('/');
    return at < 0 ? r : { ...r, workload: r.workload.slice(0, at), [field]: r.workload.slice(at + 1) };
  };
  const file = join(resultsDir, `${suite}.json`);
  const written = JSON.parse(readFileSync(file, 'utf8')) as ResultRow[];
  const fresh = written.filter((r) => r.workload.includes('/')).map(split);
  const ran = new Set(fresh.map((r) => `${r.workload}/${r[field]}`));
  const kept = written.filter((r) => !r.workload.includes('/') && !ran.has(`${r.workload}/${r[field]}`));
  writeFileSync(file, `${JSON.stringify([...kept, ...fresh], null, 2)}\n`);
  console.log(`rewrote ${file}: workload and ${field}`);
  return rows.map(split);
}

/** A sink that tallies what a contestant decodes, and keeps the first items of a run for its check. */
export interface KeepingSink<T> {
  /** Keep the first `n` items from now on (until take()). */
  keepFirst(n: number): void;
  /** The tally so far (and a fresh start). */
  take(): T;
}

/**
 * A contestant decoding the whole input into `sink` each run (`read`); the first run after setup()
 * (the checked warm-up round) also keeps the first `first()` items. `more`: its check, and any other
 * field (a setup() of its own runs first).
 */
export function keepingContestant<T>(
  name: string,
  sink: KeepingSink<T>,
  first: () => number,
  read: () => void,
  more: Omit<Contestant<T>, 'name' | 'run'>,
): Contestant<T> {
  let arm = false;
  return {
    name,
    ...more,
    setup() {
      more.setup?.();
      arm = true;
    },
    run() {
      if (arm) {
        arm = false;
        sink.keepFirst(first());
      }
      read();
      return sink.take();
    },
  };
}
