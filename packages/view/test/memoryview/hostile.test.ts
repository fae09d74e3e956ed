// Hostile input (invariant 3 of docs/design.md): any layout, key or value gives a result or one of
// Python's errors, never a RangeError from a DataView or an internal JavaScript TypeError.
import {
  BufferChain,
  BufferError,
  IndexError,
  type MemoryView,
  memoryview,
  NotImplementedError,
  OverflowError,
  ValueError,
} from '@stride/view';
import fc from 'fast-check';
import { describe, it } from 'vitest';

const PYTHON_ERRORS = [ValueError, IndexError, BufferError, NotImplementedError, OverflowError];
/** Internal JavaScript failures that must never escape as a "Python" TypeError. */
const INTERNAL =
  /Cannot read|Cannot set|is not a function|is not iterable|Cannot convert|Cannot mix BigInt|Invalid typed array/;

function expectPythonError(error: unknown): void {
  if (PYTHON_ERRORS.some((E) => error instanceof E)) return;
  if (error instanceof TypeError && !INTERNAL.test(error.message)) return;
  throw new Error(`not a Python-style error: ${String(error)}`);
}

const wild = fc.oneof(
  fc.integer({ min: -70, max: 70 }),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31), 2 ** 53, -(2 ** 63), 2 ** 64, 1e300, -0),
  fc.double(),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.boolean(),
  fc.constantFrom(undefined, null, 'x', '1:3', '::-1', '...', [], [1, 2], {}),
);
const format = fc.constantFrom(
  'B',
  'b',
  'H',
  '<h',
  '>I',
  '!i',
  '=q',
  'Q',
  'f',
  '>d',
  'e',
  '?',
  'c',
  '3B',
  'hi',
  'x',
  's',
  '5s',
  'Z',
  '',
);
const shape = fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 3 });

/** One operation, with wild arguments, on a view; returns a new view when the operation makes one. */
const op = fc.oneof(
  fc.tuple(fc.constant('get'), fc.array(wild, { maxLength: 3 })),
  fc.tuple(fc.constant('set'), fc.array(wild, { minLength: 1, maxLength: 4 })),
  fc.tuple(fc.constant('slice'), fc.array(wild, { maxLength: 3 })),
  fc.tuple(fc.constant('view'), fc.array(wild, { maxLength: 3 })),
  fc.tuple(fc.constant('cast'), fc.tuple(format, fc.option(shape, { nil: undefined }))),
  fc.tuple(
    fc.constant('asStrided'),
    fc.tuple(
      shape,
      fc.array(fc.integer({ min: -9, max: 9 }), { maxLength: 3 }),
      fc.integer({ min: -9, max: 40 }),
    ),
  ),
  fc.tuple(fc.constant('transpose'), fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 3 })),
  fc.tuple(
    fc.constant('read'),
    fc.constantFrom('tolist', 'tobytes', 'hex', 'iter', 'length', 'toreadonly', 'release'),
  ),
  fc.tuple(fc.constant('lookup'), fc.tuple(wild, wild, wild)),
  fc.tuple(fc.constant('assign'), fc.uint8Array({ maxLength: 12 })),
);

function apply(m: MemoryView, [name, args]: [string, unknown]): MemoryView | undefined {
  const a = args as never[];
  switch (name) {
    case 'get':
      m.get(...a);
      return undefined;
    case 'set':
      (m.set as (...x: unknown[]) => void)(...a);
      return undefined;
    case 'slice':
      return m.slice(...(a as [never, never, never]));
    case 'view':
      return m.view(...a);
    case 'cast':
      return m.cast(a[0] as never, a[1] as never);
    case 'asStrided':
      return m.asStrided(a[0] as never, a[1] as never, a[2] as never);
    case 'transpose':
      return m.transpose(...a);
    case 'lookup':
      m.count(a[0]);
      m.index(a[0], a[1], a[2]);
      return undefined;
    case 'assign':
      m.assign(memoryview(args as Uint8Array));
      return undefined;
    default:
      switch (args) {
        case 'tolist':
          m.tolist();
          break;
        case 'tobytes':
          m.tobytes();
          break;
        case 'hex':
          m.hex('-', 2);
          break;
        case 'iter':
          [...m];
          break;
        case 'length':
          void m.length;
          break;
        case 'toreadonly':
          return m.toreadonly();
        case 'release':
          m.release();
      }
      return undefined;
  }
}

describe('hostile input', () => {
  it('layouts, keys and values give results or Python errors only', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 40 }),
        fc.record({
          format,
          shape: fc.option(shape, { nil: undefined }),
          offset: fc.option(fc.integer({ min: -2, max: 45 }), { nil: undefined }),
        }),
        fc.boolean(),
        fc.array(op, { maxLength: 8 }),
        (bytes, options, chained, ops) => {
          let m: MemoryView;
          try {
            if (chained) {
              const chain = new BufferChain();
              for (let i = 0; i < bytes.length; i += 3) chain.append(bytes.slice(i, i + 3));
              m = chain.view(0, chain.end, options.format, options.shape);
            } else {
              m = memoryview(bytes, options);
            }
          } catch (error) {
            expectPythonError(error);
            return;
          }
          for (const o of ops) {
            try {
              m = apply(m, o as [string, unknown]) ?? m;
            } catch (error) {
              expectPythonError(error);
            }
          }
        },
      ),
      { numRuns: Number(process.env.STRIDE_FUZZ_RUNS ?? 3000) },
    );
  });
});
