/**
 * Runs Kaitai's .kst specs: each spec's format loaded from FORMATS_DIR (its imports too), its
 * input from SRC_DIR, then each assert's `actual` evaluated on the parsed object and compared with
 * its `expected` (integers by value whether numbers or bigints, floats to 1e-6 as Kaitai's own
 * test translators do, byte arrays and arrays item by item), or the error the spec expects
 * compared by Kaitai's kind (and message, where the spec gives one).
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

/** One spec, run. */
export function runKst(spec: KstSpec, dirs: Omit<KstDirs, 'specs'>): KstResult {
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
    object = format.decode(new Uint8Array(readFileSync(join(dirs.src, spec.data))));
  } catch (e) {
    if (spec.exception) {
      const reason = raised(e, spec.exception);
      return reason === undefined ? { id: spec.id, ok: true, message: '' } : fail(reason);
    }
    return fail(`decoding: ${(e as Error).message}`);
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
      // `null` is no expression of the language: the specs' word for a value that is absent.
      const expected = a.expected === 'null' ? undefined : format.evaluate(a.expected, object);
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
