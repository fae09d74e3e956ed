/**
 * Runs Kaitai's .kst specs: each spec's format loaded from FORMATS_DIR (its imports too), its
 * input from SRC_DIR, then each assert's `actual` evaluated on the parsed object and compared with
 * its `expected` (integers by value whether numbers or bigints, floats to 1e-6 as Kaitai's own
 * test translators do, byte arrays and arrays item by item), or the error the spec expects
 * compared by Kaitai's kind (and message, where the spec gives one). A `ks-debug` format's parser
 * keeps what it read before a fault, so its asserts look at that object when the decode fails (as
 * Kaitai's debug tests do).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KsyFormat, loadKsy } from '../compile/load.js';
import { KsyDecodeError } from '../errors.js';
import { type KstException, type KstSpec, parseKst } from './spec.js';

export interface KstResult {
  readonly id: string;
  readonly ok: boolean;
  /** Why it failed, or was skipped; empty when it passed. */
  readonly message: string;
  readonly skipped?: boolean;
}

export interface KstReport {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly KstResult[];
}

/** How a spec's input is decoded: whole (`decode`), or as a stream of records cut into `chunk`-byte pieces. */
export interface KstRunOptions {
  /** Feed the input to `format.records()` in pieces of this many bytes and check its first record. */
  readonly chunk?: number;
}

export interface KstDirs {
  readonly specs: string;
  readonly formats: string;
  readonly src: string;
}

const FLOAT_DELTA = 1e-6;

/** Kaitai's equality of an actual value and an expected one. */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'bigint' || typeof expected === 'bigint')
    return (
      (typeof actual === 'bigint' || Number.isInteger(actual)) &&
      (typeof expected === 'bigint' || Number.isInteger(expected)) &&
      BigInt(actual as number) === BigInt(expected as number)
    );
  if (typeof actual === 'number' && typeof expected === 'number')
    return (
      actual === expected ||
      Math.abs(actual - expected) < FLOAT_DELTA ||
      (Number.isNaN(actual) && Number.isNaN(expected))
    );
  if (actual instanceof Uint8Array && expected instanceof Uint8Array)
    return actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  if (Array.isArray(actual) && Array.isArray(expected))
    return actual.length === expected.length && actual.every((a, i) => sameValue(a, expected[i]));
  if (actual instanceof Uint8Array && Array.isArray(expected))
    return actual.length === expected.length && expected.every((b, i) => sameValue(actual[i], b));
  return actual === expected || (actual === null && expected === undefined);
}

function show(v: unknown): string {
  if (v instanceof Uint8Array) return `[${[...v].join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`;
  if (typeof v === 'bigint') return `${v}`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/**
 * What the specs write that is no expression of the language: `null` for an absent value, `[]` for
 * an empty array (the expressions give an empty list no type).
 */
function literal(expected: string): { value: unknown } | undefined {
  if (expected === 'null') return { value: undefined };
  if (expected.replace(/\s/g, '') === '[]') return { value: [] };
  return undefined;
}

/** Whether `error` is the one a spec expects; a reason when not. */
function raised(error: unknown, expected: KstException): string | undefined {
  if (!(error instanceof KsyDecodeError))
    return `expected ${expected.type}, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  if (error.kaitaiName !== expected.type)
    return `expected ${expected.type}, got ${error.kaitaiName}: ${error.detail}`;
  if (expected.message !== undefined && !error.detail.startsWith(expected.message))
    return `expected the message "${expected.message}", got "${error.detail}"`;
  return undefined;
}

/**
 * The imports of a format directory, by the name Kaitai resolves them to: relative ones in it,
 * absolute ones (`/common/x`) under its `ks_path` (the import path Kaitai's own test runs give).
 */
function importsFrom(dir: string): (name: string) => string | undefined {
  return (name) => {
    const path = name.startsWith('/')
      ? join(dir, 'ks_path', `${name.slice(1)}.ksy`)
      : join(dir, `${name}.ksy`);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  };
}

/**
 * The input as the stream of records gives it in `chunk`-byte pieces: the first record (the top
 * type's object), or the first error raised before it. What follows the first record is another
 * record's bytes, not part of the spec.
 */
function firstRecord(format: KsyFormat, input: Uint8Array, chunk: number): ReturnType<KsyFormat['decode']> {
  const reader = format.records({ items: false });
  let first: ReturnType<KsyFormat['decode']> | undefined;
  const emit = (r: ReturnType<KsyFormat['decode']>) => {
    first ??= r;
  };
  try {
    for (let at = 0; at < input.length && first === undefined; at += chunk)
      reader.write(input.subarray(at, at + chunk), emit);
    if (first === undefined) reader.finish(emit);
  } catch (e) {
    if (first === undefined) throw e;
  }
  if (first === undefined) throw new Error('the stream gave no record');
  return first;
}

/** One spec, run. */
export function runKst(spec: KstSpec, dirs: Omit<KstDirs, 'specs'>, options: KstRunOptions = {}): KstResult {
  const fail = (message: string): KstResult => ({ id: spec.id, ok: false, message });
  let format: KsyFormat;
  try {
    format = loadKsy(readFileSync(join(dirs.formats, `${spec.id}.ksy`), 'utf8'), {
      imports: importsFrom(dirs.formats),
    });
  } catch (e) {
    return fail(`loading the format: ${(e as Error).message}`);
  }
  let object: ReturnType<KsyFormat['decode']>;
  try {
    const input = new Uint8Array(readFileSync(join(dirs.src, spec.data)));
    object = options.chunk === undefined ? format.decode(input) : firstRecord(format, input, options.chunk);
  } catch (e) {
    if (spec.exception) {
      const reason = raised(e, spec.exception);
      return reason === undefined ? { id: spec.id, ok: true, message: '' } : fail(reason);
    }
    const partial = e instanceof KsyDecodeError && format.top.meta.ksDebug ? e.partial : undefined;
    if (partial === undefined) return fail(`decoding: ${(e as Error).message}`);
    object = partial as ReturnType<KsyFormat['decode']>;
  }
  if (spec.exception) return fail(`expected ${spec.exception.type}, but the input decoded`);
  for (const a of spec.asserts) {
    try {
      if ('exception' in a) {
        try {
          format.evaluate(a.actual, object);
        } catch (e) {
          const reason = raised(e, a.exception);
          if (reason !== undefined) return fail(`${a.actual}: ${reason}`);
          continue;
        }
        return fail(`${a.actual}: expected ${a.exception.type}, got a value`);
      }
      const actual = format.evaluate(a.actual, object);
      const special = literal(a.expected);
      const expected = special ? special.value : format.evaluate(a.expected, object);
      if (!sameValue(actual, expected))
        return fail(`${a.actual}: expected ${show(expected)}, got ${show(actual)}`);
    } catch (e) {
      return fail(`${a.actual}: ${(e as Error).message}`);
    }
  }
  return { id: spec.id, ok: true, message: '' };
}

/** Every `.kst` of a directory, run, in name order. */
export function runKstDir(dirs: KstDirs): KstReport {
  const results = readdirSync(dirs.specs)
    .filter((f) => f.endsWith('.kst'))
    .sort()
    .map((f) => runKst(parseKst(readFileSync(join(dirs.specs, f), 'utf8'), f), dirs));
  const passed = results.filter((r) => r.ok).length;
  const skipped = results.filter((r) => r.skipped).length;
  return { passed, failed: results.length - passed - skipped, skipped, results };
}
