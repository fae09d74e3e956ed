/**
 * The differential case table: language-neutral JSON cases that runner.py executes in CPython
 * (pyodide) and run-js.ts executes against Stride. No expected value is written here: every
 * expectation comes from running CPython.
 *
 * A case is a source (the exporter and how it is made) and a list of ops on named view
 * registers; register `m` is `memoryview(source)`. View-producing ops (slice, cast, toreadonly,
 * wrap) store their result under `to`.
 *
 * Python <-> JS mapping of a source:
 *   {k:'bytes'}   bytearray(data) / bytes(data) when ro  <->  memoryview(u8 | Buffer | ArrayBuffer | DataView, {readonly})
 *   {k:'array'}   array.array(code, data)                <->  memoryview(new Int16Array(...) ...)
 *   {k:'nd'}      _testbuffer.ndarray(items, shape, strides, offset, format, flags)
 *                                                        <->  memoryview(u8 | Buffer | ArrayBuffer | DataView,
 *                                                                        {format, shape, strides, offset, readonly})
 *   {k:'ctypes'}  (Structure * n).from_buffer(bytearray)  <->  memoryview(u8, {format: 'T{...}', shape: [n]})
 */

// ---------------------------------------------------------------------------------------------
// JSON shapes

/** An argument, tagged so that both languages build the matching value. */
export type Arg =
  | { i: string } // Python int / JS number (must be exact as a double; '-0' gives JS -0 and Python 0)
  | { I: string } // Python int / JS bigint
  | { f: string } // Python float / JS number ('nan', 'inf', '-inf', '-0.0', '1.5e+300' ...)
  | { b: boolean }
  | { n: 1 } // None / undefined
  | { y: string } // bytes / Uint8Array, as hex
  | { s: string } // str / string
  | { l: Arg[] } // list / array
  | { v: string } // a view register
  | { src: Src }; // a fresh exporter (array.array <-> typed array; others as a memoryview)

export type ArrayCode = 'B' | 'b' | 'H' | 'h' | 'I' | 'i' | 'q' | 'Q' | 'f' | 'd';

export type Src =
  | { k: 'bytes'; hex: string; ro?: boolean; via?: 'u8' | 'buffer' | 'ab' | 'dv'; pad?: number }
  | { k: 'array'; code: ArrayCode; hex: string; ro?: boolean }
  | {
      k: 'nd';
      hex: string;
      format: string;
      shape: number[];
      strides?: number[];
      offset?: number;
      ro?: boolean;
      /** JS only: what carries the bytes (a Uint8Array by default), and padding around them. */
      via?: 'u8' | 'buffer' | 'ab' | 'dv';
      pad?: number;
    }
  | { k: 'ctypes'; hex: string; format: string; n: number; ro?: boolean };

export type OpName =
  | 'get'
  | 'set'
  | 'slice'
  | 'assign'
  | 'cast'
  | 'toreadonly'
  | 'wrap'
  | 'tolist'
  | 'tobytes'
  | 'hex'
  | 'count'
  | 'index'
  | 'equals'
  | 'release'
  | 'dispose'
  | 'len'
  | 'iter'
  | 'props'
  | 'objIs'
  | 'mem'
  | 'export'
  | 'unexport';

export interface Op {
  op: OpName;
  /** The register the op applies to (default 'm'). */
  r?: string;
  a?: Arg[];
  /** Where a view-producing op stores its result. */
  to?: string;
}

export interface Case {
  id: string;
  group: string;
  src: Src;
  ops: Op[];
}

/** A result, tagged the same way by runner.py and run-js.ts. */
export type Out =
  | { N: string; d?: string }
  | { I: string }
  | { b: boolean }
  | { y: string }
  | { s: string }
  | { n: 1 }
  | { l: Out[] }
  | { view: Record<string, Out> }
  | { err: string; msg: string }
  | { skip: string }
  | { harness: string };

export interface OpResult {
  r: Out;
  mem?: string;
}

// ---------------------------------------------------------------------------------------------
// Builders

export const int = (v: number | bigint): Arg => {
  if (typeof v === 'bigint') return { I: v.toString() };
  if (!Number.isInteger(v)) throw new Error(`int(${v}) is not integral`);
  return { i: Object.is(v, -0) ? '-0' : BigInt(v).toString() };
};
export const big = (v: bigint | number): Arg => ({ I: BigInt(v).toString() });
export const fstr = (x: number): string =>
  Number.isNaN(x)
    ? 'nan'
    : x === Infinity
      ? 'inf'
      : x === -Infinity
        ? '-inf'
        : Object.is(x, -0)
          ? '-0.0'
          : String(x);
/** A number that Python sees as a float (non-integral values, or floats for float formats). */
export const flt = (x: number): Arg => ({ f: fstr(x) });
/** A number: integral values are Python ints, the others Python floats. */
export const num = (x: number): Arg => (Number.isInteger(x) && !Object.is(x, -0) ? int(x) : flt(x));
export const bool = (b: boolean): Arg => ({ b });
export const NONE: Arg = { n: 1 };
export const str = (s: string): Arg => ({ s });
export const bytesArg = (data: number[] | string): Arg => ({
  y: typeof data === 'string' ? data : hexOf(data),
});
export const list = (...xs: Arg[]): Arg => ({ l: xs });
export const reg = (v: string): Arg => ({ v });
export const srcArg = (src: Src): Arg => ({ src });
export const ints = (xs: readonly number[]): Arg => ({ l: xs.map(int) });

export function hexOf(bytes: ArrayLike<number>): string {
  let s = '';
  for (let k = 0; k < bytes.length; k++) s += ((bytes[k] as number) & 0xff).toString(16).padStart(2, '0');
  return s;
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

export const ba = (
  data: number[] | string,
  extra: Omit<Extract<Src, { k: 'bytes' }>, 'k' | 'hex'> = {},
): Src => ({
  k: 'bytes',
  hex: typeof data === 'string' ? data : hexOf(data),
  ...extra,
});
export const robytes = (data: number[] | string): Src => ba(data, { ro: true });
export const arr = (code: ArrayCode, values: readonly (number | bigint)[]): Src => ({
  k: 'array',
  code,
  hex: hexOf(pack(code, values)),
});
export const nd = (
  format: string,
  data: number[] | string,
  shape: number[],
  extra: {
    strides?: number[];
    offset?: number;
    ro?: boolean;
    via?: 'u8' | 'buffer' | 'ab' | 'dv';
    pad?: number;
  } = {},
): Src => ({ k: 'nd', hex: typeof data === 'string' ? data : hexOf(data), format, shape, ...extra });

const o = (op: OpName, a: Arg[] = [], r = 'm', to?: string): Op =>
  to === undefined ? { op, r, a } : { op, r, a, to };
export const ops = {
  get: (r: string, ...idx: Arg[]) => o('get', idx, r),
  set: (r: string, ...args: Arg[]) => o('set', args, r),
  slice: (r: string, to: string, start: Arg = NONE, stop: Arg = NONE, step: Arg = NONE) =>
    o('slice', [start, stop, step], r, to),
  assign: (r: string, start: Arg, stop: Arg, step: Arg, src: Arg) => o('assign', [start, stop, step, src], r),
  cast: (r: string, to: string, format: string | Arg, shape?: Arg) =>
    o('cast', shape === undefined ? [asArg(format)] : [asArg(format), shape], r, to),
  toreadonly: (r: string, to: string) => o('toreadonly', [], r, to),
  wrap: (r: string, to: string) => o('wrap', [], r, to),
  tolist: (r = 'm') => o('tolist', [], r),
  tobytes: (r: string, ...order: Arg[]) => o('tobytes', order, r),
  hex: (r: string, ...args: Arg[]) => o('hex', args, r),
  count: (r: string, v: Arg) => o('count', [v], r),
  index: (r: string, ...args: Arg[]) => o('index', args, r),
  equals: (r: string, other: Arg) => o('equals', [other], r),
  release: (r = 'm') => o('release', [], r),
  dispose: (r = 'm') => o('dispose', [], r),
  len: (r = 'm') => o('len', [], r),
  iter: (r = 'm') => o('iter', [], r),
  props: (r = 'm') => o('props', [], r),
  objIs: (r = 'm') => o('objIs', [], r),
  mem: () => o('mem', [], 'm'),
  /** Python `r.__buffer__(FULL_RO)` / JS `r.export()`: the exported view goes to register `to`. */
  export: (r: string, to: string) => o('export', [], r, to),
  /** Releases the export made into register `name` (Python: its view's release()). */
  unexport: (name: string) => o('unexport', [], name),
};
const asArg = (x: string | Arg): Arg => (typeof x === 'string' ? str(x) : x);

// ---------------------------------------------------------------------------------------------
// Formats

export type NativeFormat = 'B' | 'b' | 'H' | 'h' | 'I' | 'i' | 'q' | 'Q' | 'f' | 'd' | 'e' | '?' | 'c';
export const NATIVE: readonly NativeFormat[] = [
  'B',
  'b',
  'H',
  'h',
  'I',
  'i',
  'q',
  'Q',
  'f',
  'd',
  'e',
  '?',
  'c',
];
export const ITEMSIZE: Record<NativeFormat, number> = {
  B: 1,
  b: 1,
  H: 2,
  h: 2,
  I: 4,
  i: 4,
  q: 8,
  Q: 8,
  f: 4,
  d: 8,
  e: 2,
  '?': 1,
  c: 1,
};
const INT_RANGE: Partial<Record<NativeFormat, [bigint, bigint]>> = {
  B: [0n, 255n],
  b: [-128n, 127n],
  H: [0n, 65535n],
  h: [-32768n, 32767n],
  I: [0n, 4294967295n],
  i: [-2147483648n, 2147483647n],
  q: [-(2n ** 63n), 2n ** 63n - 1n],
  Q: [0n, 2n ** 64n - 1n],
};
const ARRAY_CODES: readonly ArrayCode[] = ['B', 'b', 'H', 'h', 'I', 'i', 'q', 'Q', 'f', 'd'];
const isArrayCode = (f: string): f is ArrayCode => (ARRAY_CODES as readonly string[]).includes(f);
const isInt = (f: NativeFormat): boolean => INT_RANGE[f] !== undefined;
const isFloat = (f: NativeFormat): boolean => f === 'f' || f === 'd' || f === 'e';

/** Little-endian packing of values (the native order of both wasm32 and x86-64/arm64). */
export function pack(format: NativeFormat, values: readonly (number | bigint | boolean)[]): number[] {
  const size = ITEMSIZE[format];
  const dv = new DataView(new ArrayBuffer(size * values.length));
  values.forEach((v, k) => {
    const at = k * size;
    switch (format) {
      case 'B':
      case 'c':
        dv.setUint8(at, Number(v));
        break;
      case '?':
        dv.setUint8(at, v ? 1 : 0);
        break;
      case 'b':
        dv.setInt8(at, Number(v));
        break;
      case 'H':
        dv.setUint16(at, Number(v), true);
        break;
      case 'h':
        dv.setInt16(at, Number(v), true);
        break;
      case 'I':
        dv.setUint32(at, Number(v), true);
        break;
      case 'i':
        dv.setInt32(at, Number(v), true);
        break;
      case 'q':
        dv.setBigInt64(at, BigInt(v), true);
        break;
      case 'Q':
        dv.setBigUint64(at, BigInt(v), true);
        break;
      case 'f':
        dv.setFloat32(at, Number(v), true);
        break;
      case 'd':
        dv.setFloat64(at, Number(v), true);
        break;
      case 'e':
        // `v` is the half's bit pattern.
        dv.setUint16(at, Number(v), true);
        break;
    }
  });
  return Array.from(new Uint8Array(dv.buffer));
}

/** Six interesting items per format, packed, for the per-format tables. */
const SAMPLE: Record<NativeFormat, (number | bigint | boolean)[]> = {
  B: [0, 255, 7, 128, 7, 1],
  b: [-128, 127, 7, -1, 7, 0],
  H: [0, 65535, 7, 32768, 7, 1],
  h: [-32768, 32767, 7, -1, 7, 0],
  I: [0, 4294967295, 7, 2147483648, 7, 1],
  i: [-2147483648, 2147483647, 7, -1, 7, 0],
  q: [-(2n ** 63n), 2n ** 63n - 1n, 7n, -1n, 7n, 2n ** 53n + 1n],
  Q: [0n, 2n ** 64n - 1n, 7n, 2n ** 63n, 7n, 2n ** 53n + 1n],
  f: [1.5, -0, Number.NaN, Infinity, 0.1, 1.5],
  d: [1.5, -0, Number.NaN, -Infinity, 0.1, 1e300],
  // 1, -0, NaN, inf, 0.0999755859375 (0.1 rounded), smallest subnormal
  e: [0x3c00, 0x8000, 0x7e00, 0x7c00, 0x2e66, 0x0001],
  '?': [false, true, true, false, true, false],
  c: ascii('abcabd'),
};
/** A value present in SAMPLE (for count/index) and one that is not. */
const PRESENT: Record<NativeFormat, Arg> = {
  B: int(7),
  b: int(7),
  H: int(7),
  h: int(7),
  I: int(7),
  i: int(7),
  q: big(7n),
  Q: int(7),
  f: flt(1.5),
  d: flt(1.5),
  e: int(1),
  '?': bool(true),
  c: bytesArg(ascii('b')),
};
const ABSENT: Record<NativeFormat, Arg> = {
  B: int(9),
  b: int(9),
  H: int(9),
  h: int(9),
  I: int(9),
  i: int(9),
  q: big(9n),
  Q: int(9),
  f: flt(2.5),
  d: flt(2.5),
  e: int(3),
  '?': int(2),
  c: bytesArg(ascii('z')),
};

// ---------------------------------------------------------------------------------------------
// Fixed cases

const cases: Case[] = [];
let group = '';
function add(id: string, src: Src, ...list: Op[]): void {
  cases.push({ id: `${group}/${id}`, group, src, ops: list });
}

const I10 = Array.from({ length: 10 }, (_, k) => k);
const { get, set, slice, assign, cast, tolist, tobytes, hex, count, index, equals, props, len, iter } = ops;

function sampleSrc(f: NativeFormat, ro = false): Src {
  return ba(pack(f, SAMPLE[f]), { ro });
}

// --- construction: every kind of exporter -------------------------------------------------------
group = 'construct';
for (const code of ARRAY_CODES) {
  add(
    `array-${code}`,
    arr(code, SAMPLE[code] as (number | bigint)[]),
    props(),
    tolist(),
    len(),
    ops.objIs(),
    tobytes('m'),
    get('m', int(-1)),
  );
}
for (const code of ARRAY_CODES) {
  add(
    `array-ro-${code}`,
    { k: 'array', code, hex: hexOf(pack(code, SAMPLE[code])), ro: true },
    props(),
    ops.objIs(),
    set('m', int(0), int(1)),
    tolist(),
  );
}
for (const via of ['u8', 'buffer', 'ab', 'dv'] as const) {
  for (const pad of via === 'ab' ? [0] : [0, 4]) {
    add(
      `options-${via}-pad${pad}`,
      nd('h', pack('h', [1, -2, 3, -4, 5, -6]), [2, 2], { strides: [-4, 2], offset: 6, via, pad }),
      props(),
      tolist(),
      set('m', int(1), int(1), int(-99)),
      tolist(),
      tobytes('m', str('A')),
    );
  }
}
for (const via of ['u8', 'buffer', 'ab', 'dv'] as const) {
  for (const ro of [false, true]) {
    for (const pad of via === 'ab' ? [0] : [0, 3]) {
      add(
        `${via}-ro${ro}-pad${pad}`,
        ba(ascii('abcdef'), { via, ro, pad }),
        props(),
        tolist(),
        ops.objIs(),
        hex('m'),
        set('m', int(0), int(65)),
        get('m', int(0)),
        ops.wrap('m', 'w'),
        ops.objIs('w'),
        props('w'),
        slice('m', 's', int(1), int(4)),
        ops.objIs('s'),
        cast('m', 'c', 'c'),
        ops.objIs('c'),
        ops.mem(),
      );
    }
  }
}
add(
  'empty',
  ba([]),
  props(),
  tolist(),
  tobytes('m'),
  hex('m'),
  len(),
  iter(),
  count('m', int(0)),
  index('m', int(0)),
);
add('empty-ro', robytes([]), props(), cast('m', 'i', 'i'), props('i'), tolist('i'), equals('m', reg('i')));
add('wrap-chain', ba(I10), ops.wrap('m', 'a'), ops.wrap('a', 'b'), ops.objIs('b'), props('b'), tolist('b'));
add(
  'wrap-ro',
  robytes(I10),
  ops.toreadonly('m', 'r'),
  ops.wrap('r', 'w'),
  props('w'),
  set('w', int(0), int(1)),
  ops.objIs('r'),
);

// --- layouts from options / _testbuffer.ndarray ------------------------------------------------
group = 'layout';
{
  const data = I10.concat(
    I10.map((k) => k + 10),
    I10.map((k) => k + 20),
  );
  const layouts: [string, number[], number[] | undefined, number | undefined][] = [
    ['c2x3', [2, 3], undefined, undefined],
    ['f2x3', [2, 3], [1, 2], undefined],
    ['neg1d', [5], [-1], 9],
    ['neg2d', [3, 4], [-4, 1], 8],
    ['neg-both', [3, 4], [-4, -1], 11],
    ['step3', [4], [3], 1],
    ['zero-stride', [4], [0], 5],
    ['zero-stride-2d', [3, 2], [0, 1], 2],
    ['shape0', [0], undefined, undefined],
    ['shape2x0', [2, 0], undefined, undefined],
    ['shape0x3', [0, 3], undefined, undefined],
    ['3d', [2, 2, 2], [12, 3, 1], 1],
    ['3d-f', [2, 2, 2], [1, 2, 4], 0],
    ['offset-only', [4], undefined, 6],
    ['one', [1], [7], 3],
    ['1x4', [1, 4], [100, 1], 0],
    ['4x1', [4, 1], [1, 100], 0],
  ];
  for (const [name, shape, strides, offset] of layouts) {
    for (const ro of [false, true]) {
      const extra: { strides?: number[]; offset?: number; ro?: boolean } = { ro };
      if (strides) extra.strides = strides;
      if (offset !== undefined) extra.offset = offset;
      add(
        `${name}-ro${ro}`,
        nd('B', data, shape, extra),
        props(),
        tolist(),
        tobytes('m'),
        tobytes('m', str('F')),
        tobytes('m', str('A')),
        hex('m'),
        hex('m', str(':'), int(2)),
        cast('m', 'c', 'B'),
        cast('m', 'c2', 'h'),
        len(),
        iter(),
        slice('m', 's', NONE, NONE, int(-1)),
        tolist('s'),
        tobytes('s', str('F')),
        slice('m', 't', int(1), NONE, int(2)),
        tolist('t'),
        equals('m', reg('m')),
        equals('s', reg('m')),
        ops.objIs(),
        set('m', ...shape.map(() => int(0)), int(99)),
        set('m', ...shape.map(() => int(-1)), int(98)),
        tolist(),
      );
    }
  }
  for (const f of ['h', 'i', 'd', 'q', 'e', 'f', 'H', 'I', 'Q'] as const) {
    const sz = ITEMSIZE[f];
    const vals = f === 'e' ? [0x3c00, 0x4000, 0x4200, 0x4400, 0x4500, 0x4600] : [1, 2, 3, 4, 5, 6];
    const data = pack(f, f === 'q' || f === 'Q' ? vals.map(BigInt) : vals);
    add(`${f}-2x3`, nd(f, data, [2, 3]), props(), tolist(), get('m', int(1), int(2)), tobytes('m', str('F')));
    add(
      `${f}-f2x3`,
      nd(f, data, [2, 3], { strides: [sz, 2 * sz] }),
      props(),
      tolist(),
      tobytes('m', str('A')),
    );
    add(`${f}-neg`, nd(f, data, [3], { strides: [-2 * sz], offset: 5 * sz }), props(), tolist(), hex('m'));
    add(`${f}-0d`, nd(f, data.slice(0, sz), []), props(), get('m'), tolist(), tobytes('m'));
  }
}

// --- formats: reads of every native format ------------------------------------------------------
group = 'read';
for (const f of NATIVE) {
  const srcs: [string, Src][] = [
    ['rw', sampleSrc(f)],
    ['ro', sampleSrc(f, true)],
  ];
  if (isArrayCode(f)) srcs.push(['array', arr(f as ArrayCode, SAMPLE[f] as (number | bigint)[])]);
  for (const [kind, src] of srcs) {
    const v = src.k === 'array' ? 'm' : 'v';
    const pre = src.k === 'array' ? [] : [cast('m', 'v', f)];
    add(
      `${f}-${kind}`,
      src,
      ...pre,
      props(v),
      tolist(v),
      len(v),
      iter(v),
      ...[0, 1, 2, 3, 4, 5, -1, -6].map((k) => get(v, int(k))),
      get(v, int(6)),
      get(v, int(-7)),
      tobytes(v),
      hex(v),
      count(v, PRESENT[f]),
      count(v, ABSENT[f]),
      index(v, PRESENT[f]),
      index(v, ABSENT[f]),
      index(v, PRESENT[f], int(3)),
      equals(v, reg(v)),
      ops.toreadonly(v, 'r'),
      tolist('r'),
      equals('r', reg(v)),
      cast(v, 'b', 'B'),
      cast('b', 'back', f),
      equals('back', reg(v)),
      slice(v, 's', NONE, NONE, int(-2)),
      tolist('s'),
      props('s'),
      hex('s', str('.'), int(-3)),
    );
  }
}
// '@'-prefixed formats are native formats.
add('at-i', ba(pack('i', [1, -2, 3, 7])), cast('m', 'v', '@i'), props('v'), tolist('v'), get('v', int(1)));
add('at-B-nd', nd('@B', [1, 2, 3, 4], [4]), props(), tolist(), count('m', int(2)), set('m', int(0), int(9)));
add(
  'at-d-nd',
  nd('@d', pack('d', [1.5, 2.5]), [2]),
  props(),
  tolist(),
  equals('m', srcArg(arr('d', [1.5, 2.5]))),
);
// Floats: exact bit patterns of special values.
add(
  'e-specials',
  ba(
    pack(
      'e',
      [0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x7bff, 0xfbff, 0x7c00, 0xfc00, 0x7e00, 0x7c01, 0x3555],
    ),
  ),
  cast('m', 'v', 'e'),
  tolist('v'),
);
add(
  'f-specials',
  ba(
    [
      0x00000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0x7fc00000, 0x7f800001,
      0x3eaaaaab,
    ].flatMap((u) => [u & 0xff, (u >>> 8) & 0xff, (u >>> 16) & 0xff, u >>> 24]),
  ),
  cast('m', 'v', 'f'),
  tolist('v'),
  count('v', flt(Number.NaN)),
);
add(
  'd-specials',
  ba(
    pack('d', [
      5e-324,
      2.2250738585072014e-308,
      1.7976931348623157e308,
      1 / 3,
      -1e-300,
      2 ** 53,
      2 ** 53 + 2,
      1e21,
    ]),
  ),
  cast('m', 'v', 'd'),
  tolist('v'),
  count('v', int(2 ** 53)),
  index('v', big(2n ** 53n + 2n)),
  count('v', big(2n ** 53n + 1n)),
);

// --- indexing -----------------------------------------------------------------------------------
group = 'index';
{
  const keys: [string, Arg[]][] = [
    ['none', []],
    ['0', [int(0)]],
    ['neg', [int(-10)]],
    ['len', [int(10)]],
    ['-len-1', [int(-11)]],
    ['true', [bool(true)]],
    ['false', [bool(false)]],
    ['bigint', [big(3n)]],
    ['bigint-neg', [big(-1n)]],
    ['float', [flt(1.5)]],
    ['nan', [flt(Number.NaN)]],
    ['inf', [flt(Infinity)]],
    ['2^31-1', [int(2 ** 31 - 1)]],
    ['-2^31', [int(-(2 ** 31))]],
    ['2^70', [int(2 ** 70)]],
    ['-2^70', [int(-(2 ** 70))]],
    ['big2^64', [big(2n ** 64n)]],
    ['big2^63', [big(2n ** 63n)]],
    ['big-2^63-1', [big(-(2n ** 63n) - 1n)]],
    ['2^100', [int(2 ** 100)]],
    ['undefined', [NONE]],
    ['tuple2', [int(0), int(0)]],
    ['tuple3', [int(0), int(0), int(0)]],
    ['tuple-float', [int(0), flt(0.5)]],
  ];
  for (const [name, key] of keys) {
    add(`1d-get-${name}`, ba(I10), get('m', ...key));
    add(`1d-set-${name}`, ba(I10), set('m', ...key, int(77)), tolist());
    add(`1d-set-ro-${name}`, robytes(I10), set('m', ...key, int(77)));
  }
  const nd2: [string, Arg[]][] = [
    ['none', []],
    ['one', [int(0)]],
    ['one-neg', [int(-1)]],
    ['two', [int(1), int(2)]],
    ['two-neg', [int(-1), int(-3)]],
    ['two-big', [big(1n), bool(true)]],
    ['oob-dim1', [int(2), int(0)]],
    ['oob-dim1-neg', [int(-3), int(0)]],
    ['oob-dim2', [int(0), int(3)]],
    ['oob-dim2-neg', [int(0), int(-4)]],
    ['oob-both', [int(5), int(5)]],
    ['three', [int(0), int(0), int(0)]],
    ['float', [int(0), flt(1.5)]],
    ['float-first', [flt(1.5), int(0)]],
    ['huge', [int(0), int(2 ** 70)]],
    ['none-in-tuple', [int(0), NONE]],
  ];
  for (const [name, key] of nd2) {
    add(`2d-get-${name}`, ba(I10.slice(0, 6)), cast('m', 'v', 'B', ints([2, 3])), get('v', ...key));
    add(
      `2d-set-${name}`,
      ba(I10.slice(0, 6)),
      cast('m', 'v', 'B', ints([2, 3])),
      set('v', ...key, int(50)),
      tolist('v'),
    );
  }
  const nd3: [string, Arg[]][] = [
    ['one', [int(0)]],
    ['two', [int(0), int(1)]],
    ['three', [int(1), int(0), int(1)]],
    ['three-neg', [int(-1), int(-1), int(-1)]],
    ['oob-dim3', [int(0), int(0), int(2)]],
    ['four', [int(0), int(0), int(0), int(0)]],
  ];
  for (const [name, key] of nd3) {
    add(
      `3d-get-${name}`,
      ba(pack('h', I10.slice(0, 8))),
      cast('m', 'v', 'h', ints([2, 2, 2])),
      get('v', ...key),
    );
    add(
      `3d-set-${name}`,
      ba(pack('h', I10.slice(0, 8))),
      cast('m', 'v', 'h', ints([2, 2, 2])),
      set('v', ...key, int(-5)),
      tolist('v'),
    );
  }
  for (const [name, key] of [
    ['none', []],
    ['0', [int(0)]],
    ['tuple2', [int(0), int(0)]],
    ['float', [flt(0.5)]],
  ] as [string, Arg[]][]) {
    add(`0d-get-${name}`, ba(pack('i', [-7])), cast('m', 'z', 'i', ints([])), get('z', ...key));
    add(
      `0d-set-${name}`,
      ba(pack('i', [-7])),
      cast('m', 'z', 'i', ints([])),
      set('z', ...key, int(12)),
      get('z'),
      tolist('z'),
    );
  }
}

// --- item assignment: values of every format ---------------------------------------------------
group = 'set';
{
  const intValues = (f: NativeFormat): [string, Arg][] => {
    const [lo, hi] = INT_RANGE[f] as [bigint, bigint];
    const asNum = (v: bigint): Arg[] =>
      Number.isSafeInteger(Number(v)) || v === 2n ** 63n || v === 2n ** 64n ? [int(Number(v))] : [];
    const out: [string, Arg][] = [];
    for (const [name, v] of [
      ['min', lo],
      ['max', hi],
      ['min-1', lo - 1n],
      ['max+1', hi + 1n],
      ['zero', 0n],
      ['far', hi * 4n + 3n],
      ['far-neg', -(hi * 4n)],
    ] as [string, bigint][]) {
      out.push([`${name}-big`, big(v)]);
      for (const a of asNum(v)) out.push([`${name}-num`, a]);
    }
    out.push(['true', bool(true)], ['false', bool(false)], ['neg-zero', int(-0)]);
    out.push(['float', flt(1.5)], ['nan', flt(Number.NaN)], ['inf', flt(Infinity)], ['neg-float', flt(-0.5)]);
    out.push(['bytes', bytesArg([1])], ['none', NONE], ['list', list(int(1))]);
    return out;
  };
  const floatValues: [string, Arg][] = [
    ['1.5', flt(1.5)],
    ['neg-zero', flt(-0)],
    ['nan', flt(Number.NaN)],
    ['inf', flt(Infinity)],
    ['-inf', flt(-Infinity)],
    ['0.1', flt(0.1)],
    ['1e300', flt(1e300)],
    ['-1e300', flt(-1e300)],
    ['1e-300', flt(1e-300)],
    ['5e-324', flt(5e-324)],
    ['flt-max', flt(3.4028234663852886e38)],
    ['flt-max-up-half', flt(3.4028234663852886e38 + 2 ** 103)],
    ['flt-max-up-quarter', flt(3.4028234663852886e38 + 2 ** 102)],
    ['1e-46', flt(1e-46)],
    ['1e-45', flt(1e-45)],
    ['int', int(3)],
    ['int-neg', int(-3)],
    ['int-2^53+1-big', big(2n ** 53n + 1n)],
    ['int-2^1023', big(2n ** 1023n)],
    ['int-2^1024', big(2n ** 1024n)],
    ['int-2^2000', big(2n ** 2000n)],
    ['int-huge-num', int(1e308)],
    ['true', bool(true)],
    ['false', bool(false)],
    ['bytes', bytesArg([1])],
    ['none', NONE],
    ['65504', int(65504)],
    ['65519', int(65519)],
    ['65519.99', flt(65519.99)],
    ['65520', int(65520)],
    ['-65520', int(-65520)],
    ['70000-big', big(70000n)],
    ['2049', int(2049)],
    ['2051', int(2051)],
    ['2^-24', flt(2 ** -24)],
    ['2^-25', flt(2 ** -25)],
    ['3*2^-26', flt(3 * 2 ** -26)],
    ['2^-25+tiny', flt(2 ** -25 + 2 ** -60)],
    ['1e-8', flt(1e-8)],
    ['-1e-8', flt(-1e-8)],
    ['6.1e-5', flt(6.1e-5)],
    ['0.333', flt(1 / 3)],
    ['1+2^-11', flt(1 + 2 ** -11)],
    ['1+3*2^-11', flt(1 + 3 * 2 ** -11)],
  ];
  const boolValues: [string, Arg][] = [
    ['true', bool(true)],
    ['false', bool(false)],
    ['0', int(0)],
    ['1', int(1)],
    ['2', int(2)],
    ['-1', int(-1)],
    ['0.5', flt(0.5)],
    ['nan', flt(Number.NaN)],
    ['-0.0', flt(-0)],
    ['0n', big(0n)],
    ['5n', big(5n)],
    ['inf', flt(Infinity)],
    ['2^70', big(2n ** 70n)],
  ];
  const charValues: [string, Arg][] = [
    ['a', bytesArg(ascii('a'))],
    ['nul', bytesArg([0])],
    ['ff', bytesArg([255])],
    ['empty', bytesArg([])],
    ['two', bytesArg(ascii('ab'))],
    ['int', int(97)],
    ['true', bool(true)],
    ['float', flt(0.5)],
  ];
  for (const f of NATIVE) {
    const values = isInt(f) ? intValues(f) : isFloat(f) ? floatValues : f === '?' ? boolValues : charValues;
    for (const [name, v] of values) {
      add(
        `${f}-${name}`,
        sampleSrc(f),
        cast('m', 'v', f),
        set('v', int(1), v),
        get('v', int(1)),
        tolist('v'),
      );
    }
    if (isArrayCode(f)) {
      const [name, v] = values[0] as [string, Arg];
      add(
        `${f}-array-${name}`,
        arr(f as ArrayCode, SAMPLE[f] as (number | bigint)[]),
        set('m', int(-1), v),
        tolist(),
      );
    }
    // Check order: released before readonly before the key and the value.
    add(`${f}-ro-bad-key`, sampleSrc(f, true), cast('m', 'v', f), set('v', int(100), int(1)));
    add(`${f}-ro-bad-value`, sampleSrc(f, true), cast('m', 'v', f), set('v', int(0), NONE));
    add(
      `${f}-released-ro`,
      sampleSrc(f, true),
      cast('m', 'v', f),
      ops.release('v'),
      set('v', int(100), NONE),
    );
    add(`${f}-bad-key-bad-value`, sampleSrc(f), cast('m', 'v', f), set('v', int(100), NONE));
    add(`${f}-bad-key-type-bad-value`, sampleSrc(f), cast('m', 'v', f), set('v', flt(0.5), NONE));
  }
  add(
    'strided-set',
    ba(I10),
    slice('m', 's', int(8), int(1), int(-3)),
    set('s', int(1), int(200)),
    tolist('s'),
  );
  add(
    'set-via-cast-readback',
    ba(I10.slice(0, 8)),
    cast('m', 'v', 'i'),
    set('v', int(1), int(-2)),
    tolist('m'),
  );
}

// --- slicing ------------------------------------------------------------------------------------
group = 'slice';
{
  const specs: [string, Arg, Arg, Arg][] = [
    ['all', NONE, NONE, NONE],
    ['2:8', int(2), int(8), NONE],
    ['rev', NONE, NONE, int(-1)],
    ['10:0:-3', int(10), int(0), int(-3)],
    ['-3:', int(-3), NONE, NONE],
    [':-3', NONE, int(-3), NONE],
    ['0:1:5', int(0), int(1), int(5)],
    ['5:2', int(5), int(2), NONE],
    ['5:2:3', int(5), int(2), int(3)],
    ['5:2:-1', int(5), int(2), int(-1)],
    ['::2', NONE, NONE, int(2)],
    ['1::3', int(1), NONE, int(3)],
    ['::-4', NONE, NONE, int(-4)],
    ['-100:100', int(-100), int(100), NONE],
    ['100:-100:-1', int(100), int(-100), int(-1)],
    ['step0', NONE, NONE, int(0)],
    ['float-start', flt(1.5), NONE, NONE],
    ['float-step', NONE, NONE, flt(1.5)],
    ['nan-stop', NONE, flt(Number.NaN), NONE],
    ['bool', bool(true), bool(true), bool(true)],
    ['bigint', big(2n), big(7n), big(2n)],
    ['big-huge', big(-(2n ** 100n)), big(2n ** 100n), NONE],
    ['num-huge', int(-(2 ** 70)), int(2 ** 70), int(3)],
    ['bytes-bound', bytesArg([1]), NONE, NONE],
  ];
  for (const [name, a, b, c] of specs) {
    add(`1d-${name}`, ba(I10), slice('m', 's', a, b, c), tolist('s'), tobytes('s'), hex('s'), len('s'));
    add(
      `1d-i-${name}`,
      arr('i', I10),
      slice('m', 's', a, b, c),
      tolist('s'),
      cast('s', 'c', 'B'),
      props('c'),
      tobytes('s', str('A')),
    );
    add(
      `2d-${name}`,
      ba(I10.concat(I10, I10.slice(0, 4))),
      cast('m', 'v', 'B', ints([4, 6])),
      slice('v', 's', a, b, c),
      tolist('s'),
      tobytes('s', str('F')),
      tobytes('s', str('A')),
      hex('s'),
      len('s'),
      cast('s', 'c', 'h'),
    );
  }
  // Steps beyond a 32-bit Py_ssize_t are clamped differently on wasm32 and LP64 (and the clamped
  // step shows in the strides): the largest step both agree on is 2**31 - 1, with itemsize 1.
  for (const step of [2 ** 31 - 1, -(2 ** 31 - 1)]) {
    add(
      `1d-step-${step}`,
      ba(I10),
      slice('m', 's', NONE, NONE, int(step)),
      props('s'),
      tolist('s'),
      cast('s', 'c', 'B'),
    );
  }
  add(
    '0d',
    ba(pack('i', [1])),
    cast('m', 'z', 'i', ints([])),
    slice('z', 's'),
    slice('z', 's', int(0), int(1)),
  );
  add(
    'nested',
    ba(I10),
    slice('m', 'a', int(1), NONE, int(2)),
    slice('a', 'b', NONE, NONE, int(-1)),
    slice('b', 'c', int(1), int(3)),
    tolist('c'),
    props('c'),
  );
  add(
    'empty-rev',
    ba(I10),
    slice('m', 'a', int(0), int(0)),
    slice('a', 'b', NONE, NONE, int(-1)),
    props('b'),
    cast('b', 'c', 'B'),
  );
  add('slice-ro', robytes(I10), slice('m', 's', int(2), int(5)), props('s'), set('s', int(0), int(1)));
  add(
    'slice-of-released',
    ba(I10),
    slice('m', 's', int(2), int(5)),
    ops.release('m'),
    tolist('s'),
    slice('m', 't'),
  );
}

// --- slice assignment ---------------------------------------------------------------------------
group = 'assign';
add('same-len', ba(ascii('abcdef')), assign('m', int(1), int(4), NONE, bytesArg(ascii('XYZ'))), tolist());
add(
  'overlap-fwd',
  ba(ascii('abcdef')),
  slice('m', 's', int(0), int(3)),
  assign('m', int(2), int(5), NONE, reg('s')),
);
add(
  'overlap-back',
  ba(ascii('abcdef')),
  slice('m', 's', int(2), int(5)),
  assign('m', int(0), int(3), NONE, reg('s')),
);
add(
  'overlap-rev',
  ba(ascii('abcdef')),
  slice('m', 's', NONE, NONE, int(-1)),
  assign('m', NONE, NONE, NONE, reg('s')),
);
add('self', ba(ascii('abcdef')), assign('m', NONE, NONE, NONE, reg('m')));
add('strided-dst', ba(I10), assign('m', NONE, NONE, int(2), bytesArg([90, 91, 92, 93, 94])));
add('strided-dst-neg', ba(I10), assign('m', NONE, NONE, int(-3), bytesArg([90, 91, 92, 93])));
add(
  'strided-src',
  ba(I10),
  slice('m', 's', int(1), NONE, int(3)),
  assign('m', int(0), int(3), NONE, reg('s')),
);
add('too-long', ba(I10), assign('m', int(0), int(2), NONE, bytesArg(ascii('was'))));
add('too-short', ba(I10), assign('m', int(0), int(4), NONE, bytesArg(ascii('was'))));
add('empty', ba(I10), assign('m', int(3), int(3), NONE, bytesArg([])));
add('empty-into-1', ba(I10), assign('m', int(3), int(4), NONE, bytesArg([])));
add('list', ba(I10), assign('m', int(0), int(2), NONE, list(int(1), int(2))));
add('list-ro', robytes(I10), assign('m', int(0), int(2), NONE, list(int(1), int(2))));
add('b-into-B', ba(I10), assign('m', int(0), int(2), NONE, srcArg(arr('b', [1, 2]))));
add('c-into-B', ba(I10), cast('m', 'c', 'c'), assign('m', int(0), int(2), NONE, reg('c')));
add('B-array-into-B', ba(I10), assign('m', int(0), int(2), NONE, srcArg(arr('B', [250, 251]))));
add(
  'h-array-into-h',
  ba(pack('h', [1, 2, 3, 4])),
  cast('m', 'v', 'h'),
  assign('v', int(1), int(3), NONE, srcArg(arr('h', [-9, -8]))),
);
add(
  'h-array-into-at-h',
  ba(pack('h', [1, 2, 3, 4])),
  cast('m', 'v', '@h'),
  assign('v', int(1), int(3), NONE, srcArg(arr('h', [-9, -8]))),
);
add(
  'H-into-h',
  ba(pack('h', [1, 2, 3, 4])),
  cast('m', 'v', 'h'),
  assign('v', int(1), int(3), NONE, srcArg(arr('H', [9, 8]))),
);
add(
  'd-into-d',
  ba(pack('d', [1, 2, 3])),
  cast('m', 'v', 'd'),
  assign('v', NONE, NONE, int(-1), srcArg(arr('d', [7.5, 8.5, 9.5]))),
  tolist('v'),
);
add(
  'q-into-q',
  ba(pack('q', [1n, 2n])),
  cast('m', 'v', 'q'),
  assign('v', NONE, NONE, NONE, srcArg(arr('q', [-1n, 2n ** 62n]))),
  tolist('v'),
);
add(
  '2d-src',
  ba(I10.slice(0, 4)),
  cast('m', 'v', 'B', ints([2, 2])),
  ops.wrap('m', 'w'),
  assign('w', NONE, NONE, NONE, reg('v')),
);
add(
  '0d-src',
  ba([1, 2, 3, 4]),
  cast('m', 'z', 'B', ints([1, 1])),
  assign('m', int(0), int(1), NONE, reg('z')),
);
add('ro', robytes(I10), assign('m', int(0), int(2), NONE, bytesArg([1, 2])));
add('ro-bad-len', robytes(I10), assign('m', int(0), int(2), NONE, bytesArg([1, 2, 3])));
add(
  'released',
  ba(I10),
  slice('m', 's', int(0), int(2)),
  ops.release('s'),
  ops.release('m'),
  assign('m', int(0), int(2), NONE, bytesArg([1, 2])),
);
add(
  'released-src',
  ba(I10),
  slice('m', 's', int(0), int(2)),
  ops.release('s'),
  assign('m', int(0), int(2), NONE, reg('s')),
);
add(
  'from-ro',
  ba(I10),
  slice('m', 's', int(4), int(6)),
  ops.toreadonly('s', 'r'),
  assign('m', int(0), int(2), NONE, reg('r')),
);
add(
  'nested-slice',
  ba(I10),
  slice('m', 's', int(2), int(8)),
  assign('s', int(1), NONE, int(2), bytesArg([7, 7, 7])),
);
add(
  '2d-dst-excluded',
  ba(I10.slice(0, 4)),
  cast('m', 'v', 'B', ints([2, 2])),
  assign('v', NONE, NONE, NONE, reg('v')),
);
add(
  'nd-src-3B',
  ba(I10.slice(0, 6)),
  assign('m', int(0), int(6), NONE, srcArg(nd('3B', I10.slice(0, 6), [2]))),
);
add(
  'nd-src-lt-B',
  ba(I10.slice(0, 6)),
  assign('m', int(0), int(6), NONE, srcArg(nd('<B', I10.slice(0, 6), [6]))),
);
add(
  'nd-src-at-B',
  ba(I10.slice(0, 6)),
  assign('m', int(0), int(6), NONE, srcArg(nd('@B', [5, 4, 3, 2, 1, 0], [6]))),
);
add(
  'nd-src-strided',
  ba(I10.slice(0, 3)),
  assign('m', NONE, NONE, NONE, srcArg(nd('B', I10, [3], { strides: [-3], offset: 9 }))),
);
add(
  'e-into-e',
  ba(pack('e', [0x3c00, 0x4000])),
  cast('m', 'v', 'e'),
  cast('m', 'w', 'e'),
  assign('v', NONE, NONE, int(-1), reg('w')),
  tolist('v'),
);

// --- cast: the checks of views.md 1.5, in order ------------------------------------------------
group = 'cast';
{
  const B24 = I10.concat(I10, I10.slice(0, 4));
  add('released', ba(B24), ops.release(), cast('m', 'c', 'B'));
  add('released-bad-format', ba(B24), ops.release(), cast('m', 'c', '<i'));
  add('noncontig', ba(B24), slice('m', 's', NONE, NONE, int(2)), cast('s', 'c', 'B'));
  add('noncontig-bad-format', ba(B24), slice('m', 's', NONE, NONE, int(2)), cast('s', 'c', 'ii'));
  add('noncontig-rev', ba(B24), slice('m', 's', NONE, NONE, int(-1)), cast('s', 'c', 'B'));
  add('contig-len1-step', ba(B24), slice('m', 's', int(0), int(1), int(5)), cast('s', 'c', 'B'), props('c'));
  add('contig-empty', ba(B24), slice('m', 's', int(5), int(2)), cast('s', 'c', 'B'), props('c'));
  add('contig-empty-shape', ba(B24), slice('m', 's', int(5), int(2)), cast('s', 'c', 'B', ints([1])));
  add(
    'zeros-2d',
    ba(B24),
    cast('m', 'v', 'B', ints([4, 6])),
    slice('v', 's', int(0), int(0)),
    props('s'),
    cast('s', 'c', 'B'),
  );
  add(
    'zeros-2d-shape',
    ba(B24),
    cast('m', 'v', 'B', ints([4, 6])),
    slice('v', 's', int(0), int(0)),
    cast('s', 'c', 'B', ints([1])),
  );
  add('zeros-nd-src', nd('B', I10, [2, 0]), cast('m', 'c', 'B'));
  add('zeros-and-bad-format', ba(B24), slice('m', 's', int(0), int(0)), cast('s', 'c', 'B', ints([1])));
  add('shape-not-list', ba(B24), cast('m', 'c', 'B', int(24)));
  add('shape-none', ba(B24), cast('m', 'c', 'B', NONE));
  add('shape-bytes', ba(B24), cast('m', 'c', 'B', bytesArg([24])));
  add('ndim-64', ba([1]), cast('m', 'c', 'B', ints(Array(64).fill(1))), props('c'), tolist('c'));
  add('ndim-65', ba([1]), cast('m', 'c', 'B', ints(Array(65).fill(1))));
  add('nd-to-nd', ba(B24), cast('m', 'v', 'B', ints([4, 6])), cast('v', 'c', 'B', ints([6, 4])));
  add('nd-to-1d', ba(B24), cast('m', 'v', 'B', ints([4, 6])), cast('v', 'c', 'h'), props('c'), tolist('c'));
  add(
    'nd-to-1d-shape',
    ba(B24),
    cast('m', 'v', 'B', ints([4, 6])),
    cast('v', 'c', 'i', ints([6])),
    props('c'),
  );
  add(
    'nd-to-0d',
    ba([1, 0, 0, 0]),
    cast('m', 'v', 'B', ints([2, 2])),
    cast('v', 'c', 'i', ints([])),
    props('c'),
  );
  add(
    '0d-to-1d',
    ba([1, 0, 0, 0]),
    cast('m', 'z', 'i', ints([])),
    cast('z', 'c', 'B'),
    props('c'),
    tolist('c'),
  );
  add('0d-to-0d', ba([1, 0, 0, 0]), cast('m', 'z', 'i', ints([])), cast('z', 'c', 'B', ints([])));
  add('0d-to-shape', ba([1, 0, 0, 0]), cast('m', 'z', 'i', ints([])), cast('z', 'c', 'B', ints([2, 2])));
  for (const f of [
    '<i',
    '>i',
    '=B',
    '!B',
    '@@B',
    'ii',
    '2B',
    'x',
    's',
    'p',
    'F',
    'D',
    'l ',
    ' B',
    'w',
    'u',
    '',
    'Z',
    'B@',
    '3s',
    'T{B:a:}',
  ]) {
    add(`dest-${JSON.stringify(f)}`, ba(B24), cast('m', 'c', f));
  }
  add('dest-nonascii', ba(B24), cast('m', 'c', 'é'));
  add('dest-bytes', ba(B24), cast('m', 'c', bytesArg(ascii('B'))));
  add('dest-at-i', ba(B24), cast('m', 'c', '@i'), props('c'), tolist('c'));
  add('dest-at-c', ba(B24), cast('m', 'c', '@c'), props('c'), cast('c', 'd', 'h'), props('d'));
  for (const [a, b] of [
    ['h', 'i'],
    ['h', 'H'],
    ['i', 'f'],
    ['e', 'H'],
    ['?', 'h'],
    ['d', 'q'],
    ['h', '?'],
    ['h', 'b'],
    ['h', 'c'],
    ['c', 'h'],
    ['?', 'B'],
    ['B', '?'],
    ['c', 'B'],
    ['b', 'c'],
    ['@h', 'i'],
    ['h', '@B'],
  ]) {
    add(
      `${a}-to-${b}`,
      ba(I10.slice(0, 8).map((k) => k & 1)),
      cast('m', 'v', a as string),
      cast('v', 'c', b as string),
      props('c'),
      tolist('c'),
    );
  }
  add('lt-i-to-i', nd('<i', pack('i', [1, 2]), [2]), cast('m', 'c', 'i'));
  add('lt-i-to-B', nd('<i', pack('i', [1, 2]), [2]), cast('m', 'c', 'B'), props('c'), tolist('c'));
  add('gt-h-to-c', nd('>h', pack('h', [1, 2]), [2]), cast('m', 'c', 'c'), props('c'), tolist('c'));
  add(
    'gt-h-to-b-shape',
    nd('>h', pack('h', [1, 2]), [2]),
    cast('m', 'c', 'b', ints([2, 2])),
    props('c'),
    tolist('c'),
  );
  add('3B-to-B', nd('3B', I10.slice(0, 6), [2]), cast('m', 'c', 'B'), tolist('c'));
  add('3B-to-h', nd('3B', I10.slice(0, 6), [2]), cast('m', 'c', 'h'));
  add(
    'T-to-B',
    { k: 'ctypes', hex: hexOf(I10.slice(0, 8).concat(I10.slice(0, 8))), format: 'T{<B:a:3x<L:b:}', n: 2 },
    cast('m', 'c', 'B'),
    tolist('c'),
  );
  add(
    'T-to-i',
    { k: 'ctypes', hex: hexOf(I10.slice(0, 8)), format: 'T{<B:a:3x<L:b:}', n: 1 },
    cast('m', 'c', 'i'),
  );
  add('not-multiple', ba(I10.slice(0, 7)), cast('m', 'c', 'i'));
  add('not-multiple-shape', ba(I10.slice(0, 7)), cast('m', 'c', 'i', ints([1])));
  add('to-bytes-not-multiple', ba(pack('h', [1, 2, 3])), cast('m', 'v', 'h'), cast('v', 'c', 'B', ints([4])));
  for (const [name, shape] of [
    ['float', list(int(2), flt(1.5))],
    ['zero', ints([0, 6])],
    ['neg', ints([-2, -6])],
    ['neg-and-float', list(int(-1), flt(0.5))],
    ['bigint', list(big(2n), big(6n))],
    ['bool', list(bool(true), int(12))],
    ['bool-false', list(bool(false), int(12))],
    ['none-item', list(NONE)],
    ['huge', list(big(2n ** 70n))],
    ['huge-num', list(int(2 ** 70))],
    ['prod-mismatch', ints([5, 5])],
    ['prod-mismatch-small', ints([1])],
    ['ok-3d', ints([2, 3, 2])],
    ['empty', ints([])],
    ['empty-one-byte', ints([])],
    ['nested', list(ints([1]))],
  ] as [string, Arg][]) {
    add(
      `shape-${name}`,
      ba(name === 'empty-one-byte' ? [7] : I10.slice(0, 12)),
      cast('m', 'c', 'B', shape),
      props('c'),
    );
    add(`shape-h-${name}`, ba(I10.concat(I10, I10.slice(0, 4))), cast('m', 'c', 'h', shape), props('c'));
  }
  add(
    'ro-inherits',
    robytes(I10.slice(0, 8)),
    cast('m', 'c', 'i', ints([2])),
    props('c'),
    ops.objIs('c'),
    set('c', int(0), int(1)),
  );
  add(
    'keeps-format-text',
    ba(I10.slice(0, 8)),
    cast('m', 'c', '@q'),
    props('c'),
    tolist('c'),
    cast('c', 'd', 'B'),
    cast('d', 'e', '@e', ints([2, 2])),
    props('e'),
    tolist('e'),
  );
  add(
    'cast-then-release-base',
    ba(I10.slice(0, 8)),
    cast('m', 'c', 'i'),
    ops.release('m'),
    tolist('c'),
    ops.objIs('c'),
  );
  add('cast-f-order-src', nd('B', I10.slice(0, 6), [2, 3], { strides: [1, 2] }), cast('m', 'c', 'B'));
}

// --- tolist / tobytes / hex ---------------------------------------------------------------------
group = 'convert';
{
  const srcs: [string, Src, Op[]][] = [
    ['1d', ba(ascii('abcdefg')), []],
    ['strided', ba(ascii('abcdefg')), [slice('m', 'm2', NONE, NONE, int(-2))]],
    ['2d', ba(I10.concat(I10.slice(0, 2))), [cast('m', 'm2', 'B', ints([3, 4]))]],
    ['2d-h', ba(I10.concat(I10.slice(0, 2))), [cast('m', 'm2', 'h', ints([2, 3]))]],
    [
      '2d-rev',
      ba(I10.concat(I10.slice(0, 2))),
      [cast('m', 'v', 'B', ints([3, 4])), slice('v', 'm2', NONE, NONE, int(-1))],
    ],
    ['3d', ba(I10.concat(I10, I10.slice(0, 4))), [cast('m', 'm2', 'B', ints([2, 3, 4]))]],
    ['0d', ba([0xab, 0xcd]), [cast('m', 'm2', 'H', ints([]))]],
    ['empty', ba([]), []],
    ['f-order', nd('B', I10.slice(0, 6), [2, 3], { strides: [1, 2] }), []],
    ['zero-stride', nd('B', I10.slice(0, 6), [3, 2], { strides: [0, 1], offset: 2 }), []],
  ];
  for (const [name, src, pre] of srcs) {
    const r = pre.length ? 'm2' : 'm';
    add(
      `${name}`,
      src,
      ...pre,
      tolist(r),
      tobytes(r),
      tobytes(r, str('C')),
      tobytes(r, str('F')),
      tobytes(r, str('A')),
      tobytes(r, NONE),
      tobytes(r, str('c')),
      tobytes(r, str('f')),
      tobytes(r, str('X')),
      tobytes(r, str('')),
      tobytes(r, str('CC')),
      hex(r),
      hex(r, str('-')),
      hex(r, bytesArg(ascii(':'))),
      hex(r, str('-'), int(1)),
      hex(r, str('-'), int(2)),
      hex(r, str('-'), int(3)),
      hex(r, str('-'), int(-2)),
      hex(r, str('-'), int(-3)),
      hex(r, str('-'), int(0)),
      hex(r, str('-'), int(100)),
      hex(r, str('-'), int(-100)),
      hex(r, str('-'), big(4n)),
      hex(r, str('-'), bool(true)),
      hex(r, NONE, int(2)),
      hex(r, NONE),
      hex(r, str('ab')),
      hex(r, str('')),
      hex(r, str('é')),
      hex(r, bytesArg([0xff])),
      hex(r, bytesArg(ascii('ab'))),
      hex(r, bytesArg([])),
      hex(r, str('-'), int(2 ** 31 - 1)),
      hex(r, str('-'), int(-(2 ** 31))),
      hex(r, str('-'), big(2n ** 64n)),
      hex(r, str('-'), int(2 ** 64)),
      hex(r, str('-'), big(-(2n ** 64n))),
      hex(r, str('-'), flt(1.5)),
      hex(r, str(' ')),
      hex(r, str('\x7f'), int(-1)),
    );
  }
}

// --- toreadonly / release / dispose --------------------------------------------------------------
group = 'lifecycle';
{
  add(
    'toreadonly',
    ba(I10),
    ops.toreadonly('m', 'r'),
    props('r'),
    set('r', int(0), int(1)),
    set('m', int(0), int(2)),
    get('r', int(0)),
    ops.toreadonly('r', 'rr'),
    equals('rr', reg('r')),
    ops.release('r'),
    tolist('rr'),
    tolist('m'),
    ops.objIs('rr'),
  );
  add('toreadonly-ro', robytes(I10), ops.toreadonly('m', 'r'), ops.release('m'), tolist('r'), props('r'));
  add('release-twice', ba(I10), ops.release(), ops.release(), props());
  add('dispose', ba(I10), ops.dispose(), props(), ops.dispose());
  add(
    'exports',
    ba(I10),
    slice('m', 's', NONE, NONE, int(3)),
    ops.export('s', 'e1'),
    ops.release('s'),
    ops.export('s', 'e2'),
    ops.release('s'),
    ops.dispose('s'),
    tolist('s'),
    tolist('e1'),
    ops.unexport('e1'),
    ops.release('s'),
    props('e1'),
    ops.unexport('e2'),
    ops.release('s'),
    props('s'),
    ops.release('m'),
  );
  add('export-released', ba(I10), ops.release(), ops.export('m', 'e'));
  add(
    'export-ro',
    robytes(I10),
    ops.export('m', 'e'),
    set('e', int(0), int(1)),
    ops.unexport('e'),
    ops.unexport('e'),
    ops.release(),
  );
  add(
    'export-0d',
    ba([1, 2]),
    cast('m', 'z', 'h', ints([])),
    ops.export('z', 'e'),
    get('e'),
    ops.release('z'),
    ops.unexport('e'),
    ops.release('z'),
  );
  add(
    'shared-managed-buffer',
    ba(I10),
    ops.wrap('m', 'w'),
    slice('m', 's', int(1), int(3)),
    cast('m', 'c', 'c'),
    ops.toreadonly('m', 'r'),
    ops.release('m'),
    tolist('w'),
    tolist('s'),
    tolist('c'),
    tolist('r'),
    ops.objIs('w'),
    ops.objIs('s'),
    ops.release('w'),
    tolist('s'),
    ops.wrap('w', 'ww'),
    ops.wrap('s', 'ss'),
    props('ss'),
  );
  const after: [string, Op][] = [
    ['get', get('m', int(0))],
    ['get-bad-key', get('m', flt(0.5))],
    ['set', set('m', int(0), int(1))],
    ['set-bad', set('m', flt(0.5), NONE)],
    ['slice', slice('m', 's', int(0), int(1))],
    ['slice-step0', slice('m', 's', NONE, NONE, int(0))],
    ['assign', assign('m', int(0), int(1), NONE, bytesArg([1]))],
    ['cast', cast('m', 'c', 'B')],
    ['tolist', tolist()],
    ['tobytes', tobytes('m')],
    ['tobytes-bad-order', tobytes('m', str('Z'))],
    ['hex', hex('m')],
    ['hex-bad-sep', hex('m', str('ab'))],
    ['toreadonly', ops.toreadonly('m', 'r')],
    ['wrap', ops.wrap('m', 'w')],
    ['count', count('m', int(0))],
    ['index', index('m', int(0))],
    ['equals-self', equals('m', reg('m'))],
    ['equals-other', equals('m', srcArg(ba(I10)))],
    ['len', len()],
    ['iter', iter()],
    ['props', props()],
    ['objIs', ops.objIs()],
    ['release', ops.release()],
    ['dispose', ops.dispose()],
  ];
  for (const [name, op] of after) {
    add(`released-${name}`, ba(I10), ops.release(), op);
    add(`released-ro-${name}`, robytes(I10), ops.release(), op);
  }
  add(
    'released-0d',
    ba([1]),
    cast('m', 'z', 'B', ints([])),
    ops.release('z'),
    get('z'),
    len('z'),
    props('z'),
  );
  add(
    'released-equal-released',
    ba(I10),
    ops.wrap('m', 'w'),
    ops.release('m'),
    ops.release('w'),
    equals('m', reg('w')),
    equals('w', reg('w')),
  );
  add(
    'released-vs-live',
    ba(I10),
    ops.wrap('m', 'w'),
    ops.release('m'),
    equals('w', reg('m')),
    equals('m', reg('w')),
  );
}

// --- count / index ------------------------------------------------------------------------------
group = 'lookup';
{
  const B = ascii('abcabcab');
  const lookups: [string, Arg[]][] = [
    ['97', [int(97)]],
    ['98-start', [int(98), int(2)]],
    ['98-start-stop', [int(98), int(2), int(4)]],
    ['98-start-stop-miss', [int(98), int(2), int(4)]],
    ['neg-start', [int(99), int(-3)]],
    ['neg-stop', [int(97), int(1), int(-1)]],
    ['big-start', [int(97), int(100)]],
    ['start-gt-stop', [int(97), int(5), int(2)]],
    ['huge-stop', [int(97), int(0), big(2n ** 100n)]],
    ['huge-neg-start', [int(97), big(-(2n ** 100n))]],
    ['huge-num-stop', [int(98), int(0), int(2 ** 70)]],
    ['bigint-bounds', [int(98), big(2n), big(8n)]],
    ['bool-bounds', [int(98), bool(true), bool(true)]],
    ['float-start', [int(97), flt(0.5)]],
    ['float-value', [flt(97)]],
    ['float-value-miss', [flt(97.5)]],
    ['bigint-value', [big(99n)]],
    ['bool-value', [bool(true)]],
    ['bytes-value', [bytesArg(ascii('a'))]],
    ['nan', [flt(Number.NaN)]],
    ['none-value', [NONE]],
    ['list-value', [list(int(97))]],
    ['miss', [int(0)]],
  ];
  for (const [name, args] of lookups) {
    add(`B-index-${name}`, ba(B), index('m', ...args));
    add(`B-count-${name}`, ba(B), count('m', args[0] as Arg));
    add(`c-index-${name}`, ba(B), cast('m', 'c', 'c'), index('c', ...args));
    add(`B-strided-index-${name}`, ba(B), slice('m', 's', NONE, NONE, int(-2)), index('s', ...args));
  }
  for (const f of NATIVE) {
    add(
      `${f}-count-present`,
      sampleSrc(f),
      cast('m', 'v', f),
      count('v', PRESENT[f]),
      index('v', PRESENT[f]),
      index('v', PRESENT[f], int(-2)),
    );
    add(`${f}-count-absent`, sampleSrc(f), cast('m', 'v', f), count('v', ABSENT[f]), index('v', ABSENT[f]));
    add(
      `${f}-2d`,
      sampleSrc(f),
      cast('m', 'v', f, ints([2, 3])),
      count('v', PRESENT[f]),
      index('v', PRESENT[f]),
      index('v', ABSENT[f]),
    );
    add(
      `${f}-0d`,
      ba(pack(f, SAMPLE[f]).slice(0, ITEMSIZE[f])),
      cast('m', 'v', f, ints([])),
      count('v', PRESENT[f]),
      index('v', PRESENT[f]),
    );
  }
  add(
    'q-values',
    ba(pack('q', [-1n, 2n ** 62n, -1n])),
    cast('m', 'v', 'q'),
    count('v', int(-1)),
    count('v', big(-1n)),
    count('v', flt(-1)),
    index('v', int(2 ** 62)),
    count('v', bool(true)),
  );
  add(
    'Q-values',
    ba(pack('Q', [2n ** 64n - 1n, 1n, 2n ** 53n + 1n])),
    cast('m', 'v', 'Q'),
    count('v', big(2n ** 64n - 1n)),
    count('v', int(2 ** 64)),
    count('v', int(2 ** 53)),
    count('v', big(2n ** 53n + 1n)),
    count('v', bool(true)),
    index('v', flt(1)),
  );
  add(
    'f-values',
    ba(pack('f', [0.1, 1.5, -0, 0])),
    cast('m', 'v', 'f'),
    count('v', flt(0.1)),
    count('v', flt(Math.fround(0.1))),
    count('v', flt(0)),
    count('v', flt(-0)),
    count('v', bool(false)),
    index('v', big(0n)),
  );
  add(
    'd-values',
    ba(pack('d', [2 ** 53, 1.5, Number.NaN])),
    cast('m', 'v', 'd'),
    count('v', big(2n ** 53n + 1n)),
    count('v', int(2 ** 53)),
    count('v', flt(Number.NaN)),
    index('v', flt(Number.NaN)),
    count('v', flt(1.5)),
  );
  add(
    'bool-values',
    ba([1, 0, 1, 1]),
    cast('m', 'v', '?'),
    count('v', int(1)),
    count('v', bool(true)),
    count('v', flt(1)),
    count('v', big(0n)),
    index('v', int(0)),
    count('v', int(2)),
  );
  add(
    'c-values',
    ba(ascii('aab')),
    cast('m', 'v', 'c'),
    count('v', bytesArg(ascii('a'))),
    count('v', int(97)),
    count('v', bytesArg(ascii('aa'))),
    index('v', bytesArg(ascii('b'))),
    index('v', srcArg(ba(ascii('b')))),
    count('v', srcArg(ba(ascii('a')))),
  );
  add(
    'e-values',
    ba(pack('e', [0x3c00, 0x3c00, 0x2e66])),
    cast('m', 'v', 'e'),
    count('v', int(1)),
    count('v', flt(0.1)),
    count('v', flt(0.0999755859375)),
    index('v', flt(0.0999755859375)),
  );
  add('3B', nd('3B', I10.slice(0, 6), [2]), count('m', int(0)), index('m', int(0)));
  add('empty', ba([]), count('m', int(0)), index('m', int(0)), index('m', int(0), int(0), int(0)));
}

// --- equality -----------------------------------------------------------------------------------
group = 'equals';
{
  const eq = (id: string, a: Src, aPre: Op[], b: Arg) =>
    add(id, a, ...aPre, equals(aPre.length ? 'x' : 'm', b));
  eq('f-vs-d-1.5', ba(pack('f', [1.5])), [cast('m', 'x', 'f')], srcArg(arr('d', [1.5])));
  eq('f-vs-d-0.1', ba(pack('f', [0.1])), [cast('m', 'x', 'f')], srcArg(arr('d', [0.1])));
  eq('B-vs-b-low', ba([1, 2, 127]), [], srcArg(arr('b', [1, 2, 127])));
  eq('B-vs-b-high', ba([1, 2, 128]), [], srcArg(arr('b', [1, 2, -128])));
  eq('B-vs-c', ba(ascii('ab')), [], srcArg(ba(ascii('ab'))));
  eq('B-vs-c-cast', ba(ascii('ab')), [cast('m', 'x', 'c')], srcArg(ba(ascii('ab'))));
  eq('bool-vs-B', ba([1, 0]), [cast('m', 'x', '?')], srcArg(ba([1, 0])));
  eq('Q-vs-q', ba(pack('Q', [2n ** 64n - 1n])), [cast('m', 'x', 'Q')], srcArg(arr('q', [-1n])));
  eq('Q-vs-q-equal', ba(pack('Q', [5n])), [cast('m', 'x', 'Q')], srcArg(arr('q', [5n])));
  eq('negzero', ba(pack('d', [-0])), [cast('m', 'x', 'd')], srcArg(arr('d', [0])));
  eq('empty-B-vs-i', ba([]), [], srcArg(arr('i', [])));
  eq('nan-self', ba(pack('d', [Number.NaN])), [cast('m', 'x', 'd')], reg('x'));
  eq('nan-self-f', ba(pack('f', [Number.NaN])), [cast('m', 'x', 'f')], reg('x'));
  eq('nan-self-e', ba(pack('e', [0x7e00])), [cast('m', 'x', 'e')], reg('x'));
  eq('1d-vs-2d', ba(I10.slice(0, 4)), [cast('m', 'x', 'B', ints([2, 2]))], srcArg(ba(I10.slice(0, 4))));
  eq(
    '2d-vs-2d',
    ba(I10.slice(0, 4)),
    [cast('m', 'x', 'B', ints([2, 2]))],
    srcArg(nd('B', I10.slice(0, 4), [2, 2])),
  );
  eq(
    '2d-vs-2d-other-shape',
    ba(I10.slice(0, 4)),
    [cast('m', 'x', 'B', ints([2, 2]))],
    srcArg(nd('B', I10.slice(0, 4), [1, 4])),
  );
  eq(
    '2d-vs-f-order',
    ba([0, 1, 2, 3]),
    [cast('m', 'x', 'B', ints([2, 2]))],
    srcArg(nd('B', [0, 2, 1, 3], [2, 2], { strides: [1, 2] })),
  );
  eq('0d-vs-1d', ba([1]), [cast('m', 'x', 'B', ints([]))], srcArg(ba([1])));
  eq('0d-vs-0d', ba([1]), [cast('m', 'x', 'B', ints([]))], srcArg(nd('B', [1], [])));
  eq('0d-vs-0d-b', ba([1]), [cast('m', 'x', 'B', ints([]))], srcArg(nd('b', [1], [])));
  eq('non-buffer-int', ba([1]), [], int(1));
  eq('non-buffer-list', ba([1]), [], list(int(1)));
  eq('non-buffer-none', ba([1]), [], NONE);
  eq('non-buffer-str', ba([1]), [], str('\x01'));
  eq('bytes', ba(ascii('ab')), [], bytesArg(ascii('ab')));
  eq('bytes-diff', ba(ascii('ab')), [], bytesArg(ascii('ac')));
  eq('strided-vs-contig', ba(I10), [slice('m', 'x', NONE, NONE, int(2))], bytesArg([0, 2, 4, 6, 8]));
  eq(
    'rev-vs-contig',
    ba(I10),
    [slice('m', 'x', NONE, NONE, int(-1))],
    srcArg(ba([9, 8, 7, 6, 5, 4, 3, 2, 1, 0])),
  );
  eq('lt-i-vs-i', ba(pack('i', [1, -2])), [cast('m', 'x', 'i')], srcArg(nd('<i', pack('i', [1, -2]), [2])));
  eq('gt-i-vs-i', ba(pack('i', [1, -2])), [cast('m', 'x', 'i')], srcArg(nd('>i', pack('i', [1, -2]), [2])));
  eq(
    'gt-i-vs-i-swapped',
    ba(pack('i', [1, -2])),
    [cast('m', 'x', 'i')],
    srcArg(nd('>i', [0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe], [2])),
  );
  eq('3B-vs-3B', ba(I10.slice(0, 6)), [], srcArg(nd('3B', I10.slice(0, 6), [2])));
  add(
    '3B-self',
    nd('3B', I10.slice(0, 6), [2]),
    equals('m', reg('m')),
    equals('m', srcArg(nd('3B', I10.slice(0, 6), [2]))),
    equals('m', srcArg(nd('2B', I10.slice(0, 6), [3]))),
    equals('m', srcArg(nd('3b', I10.slice(0, 6), [2]))),
  );
  add('3B-vs-3c', nd('3B', ascii('abcdef'), [2]), equals('m', srcArg(nd('3c', ascii('abcdef'), [2]))));
  add(
    'hi-self',
    nd('hi', [1, 0, 0, 0, 2, 0, 0, 0], [1]),
    props(),
    equals('m', reg('m')),
    equals('m', srcArg(nd('hi', [1, 0, 0, 0, 3, 0, 0, 0], [1]))),
  );
  add(
    'lt-hi',
    nd('<hi', [1, 0, 2, 0, 0, 0], [1]),
    props(),
    equals('m', srcArg(nd('<hi', [1, 0, 2, 0, 0, 0], [1]))),
    tobytes('m'),
  );
  add(
    'T-self',
    { k: 'ctypes', hex: hexOf(I10.slice(0, 8)), format: 'T{<B:a:3x<L:b:}', n: 1 },
    props(),
    equals('m', reg('m')),
    tobytes('m'),
    hex('m'),
  );
  add(
    'T-packed',
    { k: 'ctypes', hex: hexOf(I10.slice(0, 6)), format: 'T{<B:a:<H:b:}', n: 2 },
    props(),
    equals('m', reg('m')),
    tolist(),
    tobytes('m', str('F')),
  );
  add(
    'T-4',
    { k: 'ctypes', hex: hexOf(I10.slice(0, 8)), format: 'T{<h:x:<h:y:}', n: 2, ro: true },
    props(),
    equals('m', reg('m')),
    hex('m', str(' '), int(2)),
    get('m', int(0)),
    set('m', int(0), int(0)),
  );
  add(
    'x-pad',
    nd('BxB', [1, 0, 2, 3, 0, 4], [2]),
    props(),
    equals('m', srcArg(nd('BxB', [1, 0, 2, 3, 0, 4], [2]))),
    equals('m', srcArg(nd('2B', [1, 2, 3, 4], [2]))),
    tobytes('m'),
  );
  add(
    's-format',
    nd('s', ascii('ab'), [2]),
    props(),
    equals('m', reg('m')),
    equals('m', srcArg(ba(ascii('ab')))),
    tolist(),
  );
  add(
    'e-vs-f',
    ba(pack('e', [0x3e00])),
    cast('m', 'x', 'e'),
    equals('x', srcArg(arr('f', [1.5]))),
    equals('x', srcArg(arr('d', [1.5]))),
  );
  add(
    'at-B-vs-B',
    nd('@B', [1, 2], [2]),
    equals('m', bytesArg([1, 2])),
    equals('m', srcArg(nd('=B', [1, 2], [2]))),
  );
  add(
    'q-big-vs-d',
    ba(pack('q', [2n ** 53n + 1n])),
    cast('m', 'x', 'q'),
    equals('x', srcArg(arr('d', [2 ** 53]))),
  );
  add(
    'typed-arrays',
    arr('h', [1, -1, 3]),
    equals('m', srcArg(arr('i', [1, -1, 3]))),
    equals('m', srcArg(arr('H', [1, 65535, 3]))),
    equals('m', srcArg(arr('f', [1, -1, 3]))),
  );
  add(
    'shape-zero-2d',
    nd('B', [1, 2], [0, 3]),
    equals('m', srcArg(nd('B', [1, 2], [0, 5]))),
    equals('m', srcArg(nd('i', pack('i', [1]), [0, 3]))),
    equals('m', srcArg(nd('B', [1, 2], [0]))),
  );
  add(
    'release-then-compare-other',
    ba(I10),
    ops.wrap('m', 'w'),
    ops.release('m'),
    equals('w', srcArg(ba(I10))),
  );
}

// --- length / iteration -------------------------------------------------------------------------
group = 'iterate';
for (const f of NATIVE) {
  add(
    `${f}`,
    sampleSrc(f),
    cast('m', 'v', f),
    len('v'),
    iter('v'),
    slice('v', 's', NONE, NONE, int(-1)),
    iter('s'),
  );
}
add('2d', ba(I10.slice(0, 6)), cast('m', 'v', 'B', ints([3, 2])), len('v'), iter('v'));
add('0d', ba([1]), cast('m', 'v', 'B', ints([])), len('v'), iter('v'), tolist('v'));
add('2d-zero', nd('B', I10, [0, 2]), len(), iter(), tolist());

// --- formats memoryview does not unpack ----------------------------------------------------------
group = 'unsupported';
{
  const fmts: [string, number[], number[]][] = [
    ['3B', I10.slice(0, 6), [2]],
    ['2h', pack('h', [1, -2, 3, -4]), [2]],
    ['hi', pack('i', [1, 2, 3, 4]), [2]],
    ['<hi', pack('h', [1, 2, 3, 4, 5, 6]), [2]],
    ['s', ascii('abcd'), [4]],
    ['2s', ascii('abcd'), [2]],
    ['p', [0, 0, 0], [3]],
    ['<i', pack('i', [1, -2, 3]), [3]],
    ['>H', pack('H', [1, 2, 3]), [3]],
    ['!d', pack('d', [1.5, -2]), [2]],
    ['=f', pack('f', [1.5, -2]), [2]],
    ['<e', pack('e', [0x3c00, 0x4000]), [2]],
    ['>q', pack('q', [1n, -2n]), [2]],
    ['<?', [1, 0], [2]],
    ['>c', ascii('ab'), [2]],
    ['<B', [1, 2], [2]],
  ];
  for (const [f, data, shape] of fmts) {
    add(
      `${f}`,
      nd(f, data, shape),
      props(),
      tobytes('m'),
      tobytes('m', str('F')),
      hex('m'),
      len(),
      cast('m', 'b', 'B'),
      props('b'),
      tolist('b'),
      cast('m', 'c', 'c'),
      cast('m', 'd', 'h'),
      cast('m', 'e', 'B', ints([1, data.length])),
      slice('m', 's', NONE, NONE, int(-1)),
      props('s'),
      tobytes('s'),
      equals('m', reg('m')),
      equals('m', reg('s')),
      ops.toreadonly('m', 'r'),
      equals('r', reg('m')),
      tolist(),
      get('m', int(0)),
      get('m', int(99)),
      iter(),
      count('m', int(1)),
      index('m', int(1)),
      set('m', int(0), int(1)),
      ops.mem(),
    );
    add(`${f}-ro-set`, nd(f, data, shape, { ro: true }), set('m', int(0), int(1)));
    add(`${f}-released`, nd(f, data, shape), ops.release(), tolist());
    add(
      `${f}-0d`,
      nd(f, data.slice(0, data.length / (shape[0] as number)), []),
      props(),
      get('m'),
      tolist(),
      tobytes('m'),
      len(),
      count('m', int(0)),
    );
  }
}

export const FIXED_CASES: readonly Case[] = cases;

// ---------------------------------------------------------------------------------------------
// Seeded random cases

/** mulberry32: small, fast, and the same sequence on every run for a seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number): boolean => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    bytes: (n: number): number[] => Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
  return r;
}
type Rng = ReturnType<typeof rng>;

const FLOAT_POOL = [0, -0, 1.5, -2.25, 0.1, 1e10, 3, Number.NaN, Infinity, -Infinity, 65504, 1e-7];
const HALF_POOL = [0x0000, 0x8000, 0x3c00, 0xc000, 0x3800, 0x7bff, 0x2e66, 0x7e00, 0x7c00, 0x0001, 0x4200];

function poolValue(r: Rng, f: NativeFormat): number | bigint | boolean {
  if (isInt(f)) {
    const [lo, hi] = INT_RANGE[f] as [bigint, bigint];
    const v = r.pick([lo, hi, 0n, 1n, 7n, lo < 0n ? -1n : 100n, 42n]);
    return f === 'q' || f === 'Q' ? v : Number(v);
  }
  if (f === 'e') return r.pick(HALF_POOL);
  if (isFloat(f)) return r.pick(FLOAT_POOL);
  if (f === '?') return r.chance(0.5);
  return r.pick(ascii('abcz\0'));
}

/** Item bytes: half random bits (NaN payloads, subnormals...), half from a small pool (so counts hit). */
function randomItems(r: Rng, f: NativeFormat, n: number, safe = false): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    if (f === '?') out.push(r.int(0, 1));
    else if (!safe && r.chance(0.5)) out.push(...r.bytes(ITEMSIZE[f]));
    else out.push(...pack(f, [poolValue(r, f)]));
  }
  return out;
}

/** A value for `set`: mostly in range, sometimes out of range or of the wrong type. */
function randomValue(r: Rng, f: NativeFormat): Arg {
  const x = r.next();
  if (isInt(f)) {
    const [lo, hi] = INT_RANGE[f] as [bigint, bigint];
    if (x < 0.1) return r.pick([big(lo - 1n), big(hi + 1n), flt(0.5), bool(true), NONE]);
    const span = hi - lo + 1n;
    const v =
      lo + ((BigInt(Math.floor(r.next() * 2 ** 30)) * BigInt(Math.floor(r.next() * 2 ** 30)) * 17n) % span);
    return r.chance(0.5) || !Number.isSafeInteger(Number(v)) ? big(v) : int(Number(v));
  }
  if (f === 'e') {
    if (x < 0.1) return r.pick([flt(70000), flt(-65520), big(1n << 20n), NONE]);
    return r.pick([
      flt((r.next() - 0.5) * 131000),
      flt((r.next() - 0.5) * 2 ** -20),
      flt(r.pick(FLOAT_POOL)),
      int(r.int(-2048, 2048)),
    ]);
  }
  if (isFloat(f)) {
    if (x < 0.05) return r.pick([big(2n ** 1100n), NONE, bytesArg([1])]);
    const dv = new DataView(new ArrayBuffer(8));
    dv.setUint32(0, Math.floor(r.next() * 2 ** 32));
    dv.setUint32(4, Math.floor(r.next() * 2 ** 32));
    const bits = dv.getFloat64(0);
    return r.pick([
      flt(bits),
      flt(r.pick(FLOAT_POOL)),
      flt((r.next() - 0.5) * 1e6),
      int(r.int(-1000, 1000)),
      bool(r.chance(0.5)),
    ]);
  }
  if (f === '?')
    return r.pick([bool(true), bool(false), int(0), int(3), flt(Number.NaN), flt(0), big(0n), big(9n)]);
  return r.chance(0.9) ? bytesArg([r.int(0, 255)]) : r.pick([bytesArg([]), bytesArg([1, 2]), int(97)]);
}

/** A lookup value: usually a pool value that is likely present. */
function randomLookup(r: Rng, f: NativeFormat): Arg {
  const v = poolValue(r, f);
  if (typeof v === 'boolean') return bool(v);
  if (typeof v === 'bigint')
    return r.chance(0.5) ? big(v) : Number.isSafeInteger(Number(v)) ? int(Number(v)) : big(v);
  if (f === 'c') return bytesArg([v]);
  if (f === 'e') {
    const half: Record<number, number> = {
      0: 0,
      32768: -0,
      15360: 1,
      49152: -2,
      14336: 0.5,
      31743: 65504,
      11878: 0.0999755859375,
      32256: Number.NaN,
      31744: Infinity,
      1: 2 ** -24,
      16896: 3,
    };
    return flt(half[v] ?? 0);
  }
  return isFloat(f) ? flt(v) : int(v);
}

function randomShape(r: Rng, maxItems: number, ndim?: number): number[] {
  const n = ndim ?? r.pick([0, 1, 1, 1, 2, 2, 3]);
  const shape: number[] = [];
  let items = 1;
  for (let d = 0; d < n; d++) {
    const dim = r.int(1, Math.max(1, Math.min(5, Math.floor(maxItems / items))));
    shape.push(dim);
    items *= dim;
  }
  return shape;
}

function randomBound(r: Rng, n: number): Arg {
  const x = r.next();
  if (x < 0.2) return NONE;
  if (x < 0.23) return r.pick([big(2n ** 80n), big(-(2n ** 80n)), int(2 ** 64), bool(true)]);
  const v = r.int(-n - 3, n + 3);
  return r.chance(0.15) ? big(v) : int(v);
}

function randomSlice(r: Rng, n: number): [Arg, Arg, Arg] {
  const step = r.chance(0.3)
    ? NONE
    : r.chance(0.02)
      ? int(0)
      : int(r.pick([-4, -3, -2, -1, -1, 1, 1, 2, 3, 5]));
  return [randomBound(r, n), randomBound(r, n), step];
}

function randomIndex(r: Rng, shape: number[]): Arg[] {
  let n = shape.length;
  if (r.chance(0.08)) n = Math.max(0, n + r.pick([-1, 1]));
  const key: Arg[] = [];
  for (let d = 0; d < n; d++) {
    const dim = shape[d] ?? 3;
    const v = r.chance(0.1) ? r.pick([dim, -dim - 1, dim + 5]) : r.int(-dim, Math.max(-dim, dim - 1));
    key.push(r.chance(0.1) ? big(v) : int(v));
  }
  return key;
}

const SEP_ARGS: Arg[][] = [
  [],
  [str('-')],
  [str(':'), int(2)],
  [str(' '), int(-3)],
  [bytesArg(ascii('|')), int(4)],
  [str('_'), int(0)],
  [NONE, int(5)],
  [str('-'), int(-1)],
];
const ORDERS: Arg[][] = [[], [str('C')], [str('F')], [str('A')], [NONE]];
const VIA = ['u8', 'u8', 'buffer', 'ab', 'dv'] as const;

/** Random views made by cast + slices, then a random sequence of reads, writes and casts. */
function randomViewCase(r: Rng, id: number): Case {
  const f = r.pick(NATIVE);
  const size = ITEMSIZE[f];
  const shape = randomShape(r, 40);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = randomItems(r, f, n);
  const ro = r.chance(0.2);
  const list: Op[] = [];
  let src: Src;
  if (shape.length === 1 && isArrayCode(f) && r.chance(0.3)) {
    src = { k: 'array', code: f as ArrayCode, hex: hexOf(data) };
    list.push(ops.wrap('m', 'v'));
  } else {
    const via = r.pick(VIA);
    src = ba(data, { ro, via, pad: via === 'ab' ? 0 : r.pick([0, 0, 1, 5]) });
    list.push(shape.length === 1 && r.chance(0.5) ? cast('m', 'v', f) : cast('m', 'v', f, ints(shape)));
  }
  list.push(props('v'));
  // Chains of slices (first dimension), kept in the same register. `shape` follows the view in
  // `cur` so that most indexes are valid (randomIndex still draws some out of range).
  let cur = 'v';
  const sliceOnce = (): void => {
    const [a, b, c] = randomSlice(r, shape[0] ?? 1);
    list.push(slice(cur, 'w', a, b, c));
    const len = shape.length ? sliceLength(shape[0] as number, a, b, c) : null;
    if (len !== null) {
      shape[0] = len;
      cur = 'w';
    }
  };
  const nslices = shape.length === 0 ? 0 : r.int(0, 3);
  for (let k = 0; k < nslices; k++) sliceOnce();
  const nd = shape.length !== 1;
  const items = (): number => shape.reduce((a, b) => a * b, 1);
  const nops = r.int(4, 9);
  for (let k = 0; k < nops; k++) {
    const x = r.int(0, 16);
    switch (x) {
      case 0:
        list.push(tolist(cur));
        break;
      case 1:
        list.push(tobytes(cur, ...r.pick(ORDERS)));
        break;
      case 2:
        list.push(hex(cur, ...r.pick(SEP_ARGS)));
        break;
      case 3:
        list.push(nd && r.chance(0.7) ? tolist(cur) : r.chance(0.5) ? len(cur) : iter(cur));
        break;
      case 4:
      case 5:
        list.push(get(cur, ...randomIndex(r, shape)));
        break;
      case 6:
        list.push(set(cur, ...randomIndex(r, shape), randomValue(r, f)));
        break;
      case 7:
        list.push(nd && r.chance(0.7) ? get(cur, ...randomIndex(r, shape)) : count(cur, randomLookup(r, f)));
        break;
      case 8: {
        if (nd && r.chance(0.7)) {
          list.push(set(cur, ...randomIndex(r, shape), randomValue(r, f)));
          break;
        }
        const args = [randomLookup(r, f)];
        const len0 = shape[0] ?? 1;
        if (r.chance(0.5)) args.push(int(r.int(-len0 - 1, len0 + 1)));
        if (r.chance(0.3)) args.push(int(r.int(-len0 - 1, len0 + 1)));
        list.push(index(cur, ...args));
        break;
      }
      case 9: {
        list.push(cast(cur, 'b', 'B'));
        const g = r.pick(NATIVE);
        const total = items() * size;
        if (total % ITEMSIZE[g] === 0 && total > 0 && r.chance(0.6)) {
          const shape2 = r.chance(0.5) ? undefined : ints(factorShape(r, total / ITEMSIZE[g]));
          list.push(shape2 ? cast('b', 'g', g, shape2) : cast('b', 'g', g));
        } else {
          list.push(cast('b', 'g', g));
        }
        list.push(r.chance(0.5) ? tolist('g') : props('g'));
        break;
      }
      case 10:
        list.push(equals(cur, reg('v')));
        break;
      case 11:
        list.push(equals(cur, srcArg(ba(randomItems(r, f, Math.max(1, shape[0] ?? 1))))));
        break;
      case 12:
        list.push(ops.toreadonly(cur, 'r'), props('r'), equals('r', reg(cur)));
        break;
      case 13:
        if (shape.length) sliceOnce();
        list.push(props(cur));
        break;
      case 14:
        list.push(props(cur));
        break;
      case 15:
        list.push(ops.wrap(cur, 'x'), ops.release(cur), tolist('x'), props(cur));
        cur = 'x';
        break;
      default:
        list.push(cast(cur, 'c', f, r.chance(0.5) ? ints(shape) : ints([items()])));
        break;
    }
  }
  list.push(ops.mem());
  return { id: `random/view/${id}`, group: 'random-view', src, ops: list };
}

/** A random shape whose product is exactly `total`. */
function factorShape(r: Rng, total: number): number[] {
  const shape: number[] = [];
  let rest = total;
  const ndim = r.int(0, 3);
  for (let d = 0; d < ndim && rest > 1; d++) {
    const divisors = [];
    for (let k = 1; k <= rest; k++) if (rest % k === 0) divisors.push(k);
    const dim = r.pick(divisors);
    shape.push(dim);
    rest /= dim;
  }
  shape.push(rest);
  return shape;
}

const ND_FORMATS = [
  ...NATIVE,
  ...NATIVE,
  '<i',
  '>h',
  '!I',
  '=d',
  '>f',
  '<e',
  '>q',
  '<Q',
  '>?',
  '@B',
  '@h',
  '@d',
  '3B',
  '2h',
  'hi',
  '<hi',
  '2e',
] as const;

const baseChar = (fmt: string): NativeFormat | null => {
  const c = fmt.replace(/^[@<>=!]/, '');
  return c.length === 1 && (NATIVE as readonly string[]).includes(c) ? (c as NativeFormat) : null;
};
const structSize = (fmt: string): number => {
  if (fmt === '3B') return 3;
  if (fmt === '2h') return 4;
  if (fmt === 'hi') return 8;
  if (fmt === '<hi') return 6;
  if (fmt === '2e') return 4;
  return ITEMSIZE[baseChar(fmt) as NativeFormat];
};

/** Random layouts from options (shape, byte strides, offset) over random bytes. */
function randomLayoutCase(r: Rng, id: number): Case {
  const fmt = r.pick(ND_FORMATS);
  const size = structSize(fmt);
  const ndim = r.pick([0, 1, 1, 2, 2, 3]);
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < ndim; d++) {
    shape.push(r.chance(0.05) ? 0 : r.int(1, 4));
    strides.push(r.chance(0.05) ? 0 : r.pick([-3, -2, -1, 1, 1, 2, 3, 4]) * size);
  }
  // Make the usual case C-contiguous so that casts and assignments get exercised too.
  const contiguous = ndim > 0 && r.chance(0.3);
  if (contiguous) {
    let acc = size;
    for (let d = ndim - 1; d >= 0; d--) {
      strides[d] = acc;
      acc *= shape[d] as number;
    }
  }
  let lo = 0;
  let hi = 0;
  if (!shape.includes(0)) {
    shape.forEach((dim, d) => {
      const span = (dim - 1) * (strides[d] as number);
      if (span < 0) lo += span;
      else hi += span;
    });
  }
  const extraItems = r.int(0, 2);
  const items = (hi - lo) / size + 1 + extraItems;
  const offset = -lo + r.int(0, extraItems) * size;
  const c = baseChar(fmt);
  // Floats in nd sources go through struct.unpack/pack in CPython, which may rewrite NaN payloads:
  // draw them from the pool (the 'd' pool bits survive). '?' bytes stay 0/1 for the same reason.
  let data: number[];
  if (c !== null) data = randomItems(r, c, items, c === 'f' || c === 'e' || c === 'd');
  else if (fmt === '2e') data = randomItems(r, 'e', items * 2, true);
  else data = r.bytes(items * size);
  // Native 'hi' has 2 padding bytes after the h: struct.pack writes them as zeros.
  if (fmt === 'hi') for (let k = 0; k < data.length; k += 8) data.splice(k + 2, 2, 0, 0);
  const ro = r.chance(0.25);
  const src: Src =
    ndim === 0
      ? nd(fmt, data.slice(0, size), [], { ro })
      : nd(fmt, data, shape, contiguous && r.chance(0.5) ? { ro, offset } : { ro, strides, offset });
  const list: Op[] = [props()];
  const nops = r.int(4, 8);
  for (let k = 0; k < nops; k++) {
    switch (r.int(0, 11)) {
      case 0:
        list.push(tobytes('m', ...r.pick(ORDERS)));
        break;
      case 1:
        list.push(hex('m', ...r.pick(SEP_ARGS)));
        break;
      case 2:
        list.push(tolist());
        break;
      case 3:
        list.push(get('m', ...randomIndex(r, shape)));
        break;
      case 4:
        list.push(cast('m', 'b', r.pick(['B', 'c', 'b'])), tolist('b'));
        break;
      case 5:
        list.push(equals('m', reg('m')));
        break;
      case 6: {
        const [a, b, cc] = randomSlice(r, shape[0] ?? 1);
        list.push(slice('m', 's', a, b, cc), tobytes('s'), tolist('s'));
        break;
      }
      case 7:
        list.push(equals('m', srcArg(nd(fmt, data, [data.length / size]))));
        break;
      case 8:
        list.push(len(), count('m', c ? randomLookup(r, c) : int(0)));
        break;
      case 9:
        if (c !== null) list.push(equals('m', srcArg(ba(data.slice(0, size * Math.max(1, shape[0] ?? 1))))));
        break;
      case 10:
        list.push(tobytes('m', str('F')), tobytes('m', str('A')));
        break;
      default:
        list.push(index('m', c ? randomLookup(r, c) : int(0)));
        break;
    }
  }
  // Writes last: on byte-order prefixed formats they are an excluded Stride extension.
  if (c !== null && r.chance(0.5)) list.push(set('m', ...randomIndex(r, shape), randomValue(r, c)), tolist());
  return { id: `random/layout/${id}`, group: 'random-layout', src, ops: list };
}

/** How many items m[a:b:c] holds on a dimension of n (PySlice_AdjustIndices), or null on error. */
export function sliceLength(n: number, a: Arg, b: Arg, c: Arg): number | null {
  const val = (x: Arg): number | null | undefined =>
    'n' in x ? null : 'i' in x ? Number(x.i) : 'I' in x ? Number(x.I) : 'b' in x ? Number(x.b) : undefined;
  const [start0, stop0, step0] = [val(a), val(b), val(c)];
  if (start0 === undefined || stop0 === undefined || step0 === undefined) return null;
  const step = step0 ?? 1;
  if (step === 0) return null;
  const adj = (x: number | null, dflt: number): number => {
    if (x === null) return dflt;
    if (x < 0) x += n;
    if (x < 0) return step < 0 ? -1 : 0;
    if (x >= n) return step < 0 ? n - 1 : n;
    return x;
  };
  const start = adj(start0, step > 0 ? 0 : n - 1);
  const stop = adj(stop0, step > 0 ? n : -1);
  if (step > 0) return stop > start ? Math.floor((stop - start - 1) / step) + 1 : 0;
  return stop < start ? Math.floor((start - stop - 1) / -step) + 1 : 0;
}

/** Random 1-D slice assignments, with overlapping and foreign sources. */
function randomAssignCase(r: Rng, id: number): Case {
  const f = r.pick(NATIVE.filter((x) => x !== '?'));
  const n = r.int(3, 16);
  const data = randomItems(r, f, n, true);
  const list: Op[] = [cast('m', 'v', f)];
  const ro = r.chance(0.1);
  const [a, b, c0] = randomSlice(r, n);
  // Python checks read-only before it looks at the key; JS's m.slice(...).assign(...) validates
  // the slice first. No JS spelling matches Python there, so read-only cases get valid slices.
  const c = ro && 'i' in c0 && c0.i === '0' ? NONE : c0;
  const len = sliceLength(n, a, b, c) ?? 0;
  const srcLen = r.chance(0.8) ? len : Math.max(0, len + r.pick([-1, 1]));
  switch (r.int(0, 3)) {
    case 0: {
      // From the same buffer: overlapping memmove semantics.
      const start = r.int(0, Math.max(0, n - srcLen));
      const rev = r.chance(0.3);
      if (rev)
        list.push(slice('v', 's', int(start + srcLen - 1), start === 0 ? NONE : int(start - 1), int(-1)));
      else list.push(slice('v', 's', int(start), int(start + srcLen)));
      list.push(assign('v', a, b, c, reg('s')));
      break;
    }
    case 1:
      list.push(
        assign(
          'v',
          a,
          b,
          c,
          srcArg(
            isArrayCode(f)
              ? { k: 'array', code: f as ArrayCode, hex: hexOf(randomItems(r, f, srcLen, true)) }
              : ba(randomItems(r, f, srcLen, true)),
          ),
        ),
      );
      break;
    case 2: {
      // A source of another format with the same itemsize.
      const g = r.pick(NATIVE.filter((x) => ITEMSIZE[x] === ITEMSIZE[f] && x !== '?'));
      list.push(cast('m', 'g', g), slice('g', 's', int(0), int(srcLen)), assign('v', a, b, c, reg('s')));
      break;
    }
    default:
      list.push(
        assign('v', a, b, c, srcArg(nd(`@${f}`, randomItems(r, f, Math.max(1, srcLen), true), [srcLen]))),
      );
      break;
  }
  list.push(tolist('v'), ops.mem());
  return { id: `random/assign/${id}`, group: 'random-assign', src: ba(data, { ro }), ops: list };
}

const EQ_PAIRS: [string, string][] = [
  ['B', 'b'],
  ['B', 'c'],
  ['?', 'B'],
  ['f', 'd'],
  ['e', 'f'],
  ['h', 'H'],
  ['q', 'Q'],
  ['i', '<i'],
  ['i', '>i'],
  ['B', '@B'],
  ['d', 'd'],
  ['e', 'e'],
  ['h', '2B'],
  ['Q', 'd'],
  ['i', 'I'],
  ['c', 'c'],
];

/** Random equality between views of related formats over near-identical bytes. */
function randomEqualsCase(r: Rng, id: number): Case {
  const [f1, f2] = r.pick(EQ_PAIRS) as [string, string];
  const c1 = baseChar(f1) as NativeFormat;
  const n = r.int(1, 8);
  const safe = c1 === '?' || f2 === '?';
  const data = randomItems(r, safe ? '?' : c1, safe ? n * structSize(f1) : n, true);
  const other = data.slice();
  if (r.chance(0.4)) other[r.int(0, other.length - 1)] = r.int(0, safe ? 1 : 255);
  const size2 = structSize(f2);
  const list: Op[] = [cast('m', 'x', f1)];
  if (data.length % size2 === 0) {
    const n2 = data.length / size2;
    const y = srcArg(nd(f2, other, [n2]));
    list.push(equals('x', y));
    const [a, b, c] = randomSlice(r, n);
    list.push(slice('x', 's', a, b, c), equals('s', srcArg(nd(f2, other, [n2]))));
    if (n2 === n)
      list.push(equals('x', srcArg(nd(f2, other, [n2], { strides: [-size2], offset: (n2 - 1) * size2 }))));
  }
  list.push(equals('x', srcArg(ba(other))));
  return { id: `random/equals/${id}`, group: 'random-equals', src: ba(data), ops: list };
}

export interface RandomCounts {
  view: number;
  layout: number;
  assign: number;
  equals: number;
}

export const DEFAULT_RANDOM: RandomCounts = { view: 1400, layout: 700, assign: 450, equals: 450 };

export function randomCases(seed: number, counts: RandomCounts = DEFAULT_RANDOM): Case[] {
  const r = rng(seed);
  const out: Case[] = [];
  for (let k = 0; k < counts.view; k++) out.push(randomViewCase(r, k));
  for (let k = 0; k < counts.layout; k++) out.push(randomLayoutCase(r, k));
  for (let k = 0; k < counts.assign; k++) out.push(randomAssignCase(r, k));
  for (let k = 0; k < counts.equals; k++) out.push(randomEqualsCase(r, k));
  return out;
}
