/**
 * Differential test: every case of cases.ts runs in real CPython 3.14 (pyodide, wasm32) and
 * against Stride's MemoryView, and the results must be identical (values, value types as JS sees
 * them, error classes and CPython's exact messages, and the bytes left in memory after writes).
 *
 * Environment knobs: STRIDE_DIFF_SEED (random seed), STRIDE_DIFF_SCALE (multiplies the random
 * case counts), STRIDE_DIFF_DUMP (a file to write every mismatch to, as JSON).
 *
 * Known, intended differences, excluded from the comparison (runner.py marks them `skip`, or the
 * case table never produces them):
 *  1. Native 'l' 'L' 'n' 'N' 'P' are 8 bytes in Stride (LP64) but 4 in pyodide (wasm32): never
 *     used in cases.
 *  2. Py_ssize_t is 32-bit in pyodide: an index in [2**31, 2**63) gives "cannot fit 'int' into an
 *     index-sized integer" there but "index out of bounds" on LP64, and a slice step beyond
 *     +-(2**31 - 1) is clamped differently (the step shows in the strides). runner.py refuses such
 *     arguments (a harness error), so cases do not use them.
 *  3. '?' reading a byte other than 0/1: wasm CPython 3.14.2 gives False, Stride True (the
 *     gh-148390 fix). Reads of '?' views holding such bytes are skipped.
 *  4. Byte-order prefixed formats ('<i', '>H', '!d', '=f'): Stride reads and writes them through
 *     get/set/tolist/count/index/iteration where CPython raises NotImplementedError
 *     ('memoryview: unsupported format <i'). tolist() is still compared: runner.py takes the
 *     expected items from struct.iter_unpack over the view's bytes. The other results are skipped;
 *     after a skipped write the rest of the case is not compared (the memory legitimately differs).
 *  5. N-D slice assignment: Stride supports it, CPython raises NotImplementedError. Skipped, and
 *     the rest of the case is not compared.
 *  6. Python-only spellings with no JS equivalent are not generated: str keys, floats that JS
 *     cannot tell from ints (Python 3.0 vs 3), explicit None for index()'s bounds, Ellipsis,
 *     tuples of slices, hash(). JS `undefined` means "argument not given", so runner.py calls
 *     hex(bytes_per_sep=n) for hex(undefined, n) and cast(f) for cast(f, undefined).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Arg,
  type Case,
  DEFAULT_RANDOM,
  FIXED_CASES,
  type Op,
  type OpResult,
  type Out,
  randomCases,
  type Src,
} from './cases.js';
import { runCase } from './run-js.js';

const SEED = Number(process.env.STRIDE_DIFF_SEED ?? 0x5eed314);
const SCALE = Number(process.env.STRIDE_DIFF_SCALE ?? 1);
const RANDOM = randomCases(SEED, {
  view: Math.round(DEFAULT_RANDOM.view * SCALE),
  layout: Math.round(DEFAULT_RANDOM.layout * SCALE),
  assign: Math.round(DEFAULT_RANDOM.assign * SCALE),
  equals: Math.round(DEFAULT_RANDOM.equals * SCALE),
});
const ALL: readonly Case[] = [...FIXED_CASES, ...RANDOM];
const GROUPS = [...new Set(ALL.map((c) => c.group))];

let python: OpResult[][] = [];

beforeAll(async () => {
  const py = await loadPyodide();
  py.globals.set('CASES_JSON', JSON.stringify(ALL));
  py.runPython(readFileSync(new URL('./runner.py', import.meta.url), 'utf8'));
  python = JSON.parse(py.globals.get('RESULT') as string) as OpResult[][];
}, 120_000);

// ---------------------------------------------------------------------------------------------
// Comparison

/** Deep equality of tagged results, ignoring the human-only 'd' (display) fields. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, k) => same(x, b[k]));
  const ka = Object.keys(a).filter((k) => k !== 'd');
  const kb = Object.keys(b).filter((k) => k !== 'd');
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && same(ra[k], rb[k]));
}

/** A result in Python-ish notation. */
function show(o: Out | undefined): string {
  if (o === undefined) return '<missing>';
  if ('N' in o) return o.d ?? o.N;
  if ('I' in o) return `${o.I}n`;
  if ('b' in o) return o.b ? 'True' : 'False';
  if ('y' in o) return `bytes.fromhex('${o.y}')`;
  if ('s' in o) return JSON.stringify(o.s);
  if ('n' in o) return 'None';
  if ('l' in o) return `[${o.l.map(show).join(', ')}]`;
  if ('view' in o) {
    return `<view ${Object.entries(o.view)
      .map(([k, v]) => `${k}=${show(v)}`)
      .join(' ')}>`;
  }
  if ('err' in o) return `${o.err}: ${o.msg}`;
  if ('skip' in o) return `(skipped: ${o.skip})`;
  return `HARNESS: ${o.harness}`;
}

/** An argument as Python source. */
function arg(a: Arg): string {
  if ('i' in a) return a.i;
  if ('I' in a) return `${a.I}n`;
  if ('f' in a) return /^[-\d]/.test(a.f) && !a.f.includes('inf') ? a.f : `float('${a.f}')`;
  if ('b' in a) return a.b ? 'True' : 'False';
  if ('n' in a) return 'None';
  if ('y' in a) return `bytes.fromhex('${a.y}')`;
  if ('s' in a) return JSON.stringify(a.s);
  if ('l' in a) return `[${a.l.map(arg).join(', ')}]`;
  if ('v' in a) return a.v;
  return source(a.src);
}

function source(s: Src): string {
  if (s.k === 'bytes') {
    const how =
      s.via && s.via !== 'u8'
        ? ` (JS: ${s.via}${s.pad ? ` +pad ${s.pad}` : ''})`
        : s.pad
          ? ` (JS pad ${s.pad})`
          : '';
    return `memoryview(${s.ro ? 'bytes' : 'bytearray'}.fromhex('${s.hex}'))${how}`;
  }
  if (s.k === 'array') return `memoryview(array('${s.code}', bytes.fromhex('${s.hex}')))`;
  if (s.k === 'nd') {
    const extra = `${s.strides ? `, strides=${JSON.stringify(s.strides)}` : ''}${s.offset ? `, offset=${s.offset}` : ''}`;
    return `memoryview(ndarray(<${s.hex}>, format='${s.format}', shape=${JSON.stringify(s.shape)}${extra}${s.ro ? '' : ', writable'}))`;
  }
  return `memoryview((${s.format} * ${s.n}).from_buffer(bytearray.fromhex('${s.hex}')))${s.ro ? '.toreadonly()' : ''}`;
}

function expr(op: Op): string {
  const r = op.r ?? 'm';
  const a = (op.a ?? []).map(arg);
  const to = op.to ? `${op.to} = ` : '';
  switch (op.op) {
    case 'get':
      return `${r}[${a.length === 1 ? a[0] : `(${a.join(', ')}${a.length === 1 ? ',' : ''})`}]`;
    case 'set':
      return `${r}[${a.length === 2 ? a[0] : `(${a.slice(0, -1).join(', ')})`}] = ${a[a.length - 1]}`;
    case 'slice':
      return `${to}${r}[${a[0]}:${a[1]}:${a[2]}]`;
    case 'assign':
      return `${r}[${a[0]}:${a[1]}:${a[2]}] = ${a[3]}`;
    case 'cast':
    case 'tobytes':
    case 'hex':
    case 'count':
    case 'index':
    case 'toreadonly':
    case 'tolist':
    case 'release':
      return `${to}${r}.${op.op}(${a.join(', ')})`;
    case 'equals':
      return `${r} == ${a[0]}`;
    case 'wrap':
      return `${to}memoryview(${r})`;
    case 'dispose':
      return `${r}.__exit__(None, None, None)`;
    case 'len':
      return `len(${r})`;
    case 'iter':
      return `list(${r})`;
    case 'props':
      return `<properties of ${r}>`;
    case 'objIs':
      return `${r}.obj is <exporter>`;
    case 'mem':
      return '<exporter bytes>';
    case 'export':
      return `${to}${r}.__buffer__(FULL_RO)`;
    case 'unexport':
      return `${r}.release()  # ends the export`;
  }
}

interface Mismatch {
  id: string;
  op: number;
  expr: string;
  python: string;
  stride: string;
  /** Further mismatches in the same case after this one (possibly consequences). */
  more: number;
  case: Case;
}

let skipped = 0;
let compared = 0;

function compareCase(c: Case, py: OpResult[]): Mismatch | null {
  const js = runCase(c);
  let first: Mismatch | null = null;
  const note = (k: number, p: string, s: string): void => {
    if (first) first.more++;
    else
      first = {
        id: c.id,
        op: k,
        expr: k < 0 ? source(c.src) : expr(c.ops[k] as Op),
        python: p,
        stride: s,
        more: 0,
        case: c,
      };
  };
  if (py.length === 1 && py[0] && 'harness' in py[0].r && c.ops.length !== 1) {
    note(-1, show(py[0].r), '(not run)');
    return first;
  }
  if (js.length !== py.length) {
    note(-1, `${py.length} op results`, `${js.length} op results: ${js.map((x) => show(x.r)).join('; ')}`);
    return first;
  }
  for (let k = 0; k < py.length; k++) {
    const p = py[k] as OpResult;
    const s = js[k] as OpResult;
    const op = c.ops[k] as Op;
    if ('harness' in p.r || 'harness' in s.r) {
      note(k, show(p.r), show(s.r));
      continue;
    }
    if ('skip' in p.r) {
      skipped++;
      if (op.op === 'set' || op.op === 'assign') break;
      continue;
    }
    compared++;
    if (!same(p.r, s.r)) {
      if ('view' in p.r && 'view' in s.r) {
        // Two views: show only the properties that differ.
        const pv = p.r.view;
        const sv = s.r.view;
        const keys = [...new Set([...Object.keys(pv), ...Object.keys(sv)])].filter(
          (key) => !same(pv[key], sv[key]),
        );
        const part = (v: Record<string, Out>): string =>
          `<view ${keys.map((key) => `${key}=${show(v[key])}`).join(' ')}>`;
        note(k, part(pv), part(sv));
      } else note(k, show(p.r), show(s.r));
    } else if (p.mem !== s.mem) note(k, `memory after: ${p.mem}`, `memory after: ${s.mem}`);
  }
  return first;
}

const allMismatches: Mismatch[] = [];

function render(ms: Mismatch[], limit = 40): string {
  const lines = ms.slice(0, limit).map((m) => {
    const more = m.more ? ` (+${m.more} later in this case)` : '';
    const setup = m.case.ops.slice(0, Math.max(0, m.op)).map(expr).join('; ');
    return [
      `${m.id} op#${m.op}${more}`,
      `    source: ${source(m.case.src)}`,
      setup ? `    before: ${setup}` : '',
      `    op:     ${m.expr}`,
      `    python: ${m.python}`,
      `    stride: ${m.stride}`,
    ]
      .filter(Boolean)
      .join('\n');
  });
  const rest = ms.length > limit ? `\n... and ${ms.length - limit} more mismatching cases` : '';
  return `${ms.length} case(s) differ from CPython:\n${lines.join('\n')}${rest}`;
}

describe(`memoryview vs CPython 3.14 (pyodide): ${FIXED_CASES.length} fixed + ${RANDOM.length} random cases, seed ${SEED}`, () => {
  it('CPython ran every case', () => {
    expect(python.length).toBe(ALL.length);
  });

  for (const group of GROUPS) {
    it(group, () => {
      const ms: Mismatch[] = [];
      ALL.forEach((c, k) => {
        if (c.group !== group) return;
        const m = compareCase(c, python[k] ?? []);
        if (m) ms.push(m);
      });
      allMismatches.push(...ms);
      if (process.env.STRIDE_DIFF_DUMP) {
        writeFileSync(
          process.env.STRIDE_DIFF_DUMP,
          JSON.stringify(
            { compared, skipped, mismatches: allMismatches.map(({ case: _c, ...m }) => m) },
            null,
            1,
          ),
        );
      }
      if (ms.length) expect.fail(render(ms));
    });
  }
});
