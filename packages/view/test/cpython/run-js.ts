/**
 * Runs the differential cases against Stride and records the results in the same tagged JSON
 * that runner.py produces for CPython (see the Out type in cases.ts).
 */
import { MemoryView, memoryview } from '@stride/view';
import type { Arg, Case, Op, OpResult, Out, Src } from './cases.js';

/** The loose, runtime view of the API: cases call it with values TypeScript would reject. */
interface View {
  readonly format: string;
  readonly itemsize: number;
  readonly ndim: number;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly nbytes: number;
  readonly readonly: boolean;
  readonly obj: unknown;
  readonly cContiguous: boolean;
  readonly fContiguous: boolean;
  readonly contiguous: boolean;
  readonly released: boolean;
  readonly length: number;
  get(...index: unknown[]): unknown;
  set(...args: unknown[]): void;
  slice(start?: unknown, stop?: unknown, step?: unknown): View;
  assign(source: unknown): void;
  cast(format: unknown, shape?: unknown): View;
  tolist(): unknown;
  tobytes(order?: unknown): Uint8Array;
  hex(sep?: unknown, bytesPerSep?: unknown): string;
  toreadonly(): View;
  count(value: unknown): number;
  index(value: unknown, start?: unknown, stop?: unknown): number;
  equals(other: unknown): boolean;
  release(): void;
  export(): { readonly view: View; release(): void };
  [Symbol.dispose](): void;
  [Symbol.iterator](): Iterator<unknown>;
}

const mv = memoryview as unknown as (obj: unknown, options?: unknown) => View;

class HarnessError extends Error {}

/** An op names a register an earlier, failed op should have set: both sides report it. */
class NoRegister extends Error {
  override name = 'NoRegister';
}

const PAD_BYTE = 0xa5;

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = Number.parseInt(hex.slice(2 * k, 2 * k + 2), 16);
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

const TYPED: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = {
  B: Uint8Array,
  b: Int8Array,
  H: Uint16Array,
  h: Int16Array,
  I: Uint32Array,
  i: Int32Array,
  q: BigInt64Array,
  Q: BigUint64Array,
  f: Float32Array,
  d: Float64Array,
};

interface Base {
  obj: unknown;
  view: View;
  mem(): string;
}

/** C-order bytes of an (offset, shape, strides) layout over `data` (as runner.py's layout_bytes). */
function layoutBytes(
  data: Uint8Array,
  itemsize: number,
  shape: number[],
  strides: number[],
  offset: number,
): Uint8Array {
  const out: number[] = [];
  if (shape.includes(0)) return new Uint8Array(0);
  const idx = shape.map(() => 0);
  for (;;) {
    let pos = offset;
    idx.forEach((i, d) => {
      pos += i * (strides[d] as number);
    });
    for (let k = 0; k < itemsize; k++) out.push(data[pos + k] as number);
    let d = shape.length - 1;
    while (d >= 0) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
      d--;
    }
    if (d < 0) return Uint8Array.from(out);
  }
}

function cStrides(shape: number[], itemsize: number): number[] {
  const strides = shape.map(() => 0);
  let acc = itemsize;
  for (let d = shape.length - 1; d >= 0; d--) {
    strides[d] = acc;
    acc *= shape[d] as number;
  }
  return strides;
}

function buildSource(src: Src): Base {
  const data = fromHex(src.hex);
  if (src.k === 'bytes') {
    const pad = src.pad ?? 0;
    const buf = new ArrayBuffer(data.length + 2 * pad);
    const all = new Uint8Array(buf);
    all.fill(PAD_BYTE);
    all.set(data, pad);
    const window = all.subarray(pad, pad + data.length);
    let obj: unknown;
    switch (src.via ?? 'u8') {
      case 'u8':
        obj = window;
        break;
      case 'buffer': {
        // Small Buffers come from Node's shared 8 KiB pool: byteOffset is not 0.
        const b = Buffer.from(data);
        obj = b;
        const view = src.ro ? mv(b, { readonly: true }) : mv(b);
        return { obj, view, mem: () => toHex(b) };
      }
      case 'ab':
        if (pad) throw new HarnessError('an ArrayBuffer source cannot have padding');
        obj = buf;
        break;
      case 'dv':
        obj = new DataView(buf, pad, data.length);
        break;
    }
    const view = src.ro ? mv(obj, { readonly: true }) : mv(obj);
    const mem = (): string => {
      let clobbered = false;
      for (let k = 0; k < pad; k++) {
        if (all[k] !== PAD_BYTE || all[pad + data.length + k] !== PAD_BYTE) clobbered = true;
      }
      return toHex(window) + (clobbered ? '|PADDING-WRITTEN' : '');
    };
    return { obj, view, mem };
  }
  if (src.k === 'array') {
    const Ctor = TYPED[src.code];
    if (!Ctor) throw new HarnessError(`no typed array for ${src.code}`);
    const buf = new ArrayBuffer(data.length);
    new Uint8Array(buf).set(data);
    const obj = new Ctor(buf);
    return {
      obj,
      view: src.ro ? mv(obj, { readonly: true }) : mv(obj),
      mem: () => toHex(new Uint8Array(buf)),
    };
  }
  if (src.k === 'nd') {
    const options: Record<string, unknown> = { format: src.format, shape: src.shape };
    if (src.strides) options.strides = src.strides;
    if (src.offset) options.offset = src.offset;
    if (src.ro) options.readonly = true;
    const pad = src.pad ?? 0;
    const all = new Uint8Array(data.length + 2 * pad);
    all.fill(PAD_BYTE);
    all.set(data, pad);
    const bytes = all.subarray(pad, pad + data.length);
    let obj: unknown = bytes;
    if (src.via === 'buffer') obj = Buffer.from(bytes);
    else if (src.via === 'ab') obj = all.buffer;
    else if (src.via === 'dv') obj = new DataView(all.buffer, pad, data.length);
    if (src.via === 'ab' && pad) throw new HarnessError('an ArrayBuffer source cannot have padding');
    const view = mv(obj, options);
    const itemsize = src.shape.length === 0 ? data.length : view.itemsize;
    const strides = src.strides ?? cStrides(src.shape, itemsize);
    const mem = src.via === 'buffer' ? (obj as Uint8Array) : bytes;
    return {
      obj,
      view,
      mem: () => {
        const clobbered =
          all.subarray(0, pad).some((b) => b !== PAD_BYTE) ||
          all.subarray(pad + data.length).some((b) => b !== PAD_BYTE);
        const layout = layoutBytes(
          mem,
          itemsize,
          src.shape,
          src.shape.length ? strides : [],
          src.offset ?? 0,
        );
        return toHex(layout) + (clobbered ? '|PADDING-WRITTEN' : '');
      },
    };
  }
  const options: Record<string, unknown> = {
    format: src.format,
    shape: [src.n],
    itemsize: data.length / src.n,
  };
  if (src.ro) options.readonly = true;
  return { obj: data, view: mv(data, options), mem: () => toHex(data) };
}

function fnum(s: string): number {
  if (s === 'nan') return Number.NaN;
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  return Number(s);
}

interface Ctx {
  regs: Map<string, View>;
  /** Export handles, by the register that holds their view. */
  exports: Map<string, { release(): void }>;
  base: Base;
}

function toJs(a: Arg, ctx: Ctx): unknown {
  if ('i' in a) return Number(a.i);
  if ('I' in a) return BigInt(a.I);
  if ('f' in a) return fnum(a.f);
  if ('b' in a) return a.b;
  if ('n' in a) return undefined;
  if ('y' in a) return fromHex(a.y);
  if ('s' in a) return a.s;
  if ('l' in a) return a.l.map((x) => toJs(x, ctx));
  if ('v' in a) {
    const v = ctx.regs.get(a.v);
    if (!v) throw new NoRegister(a.v);
    return v;
  }
  if ('src' in a) {
    const b = buildSource(a.src);
    return a.src.k === 'array' ? b.obj : b.view;
  }
  throw new HarnessError(`bad argument ${JSON.stringify(a)}`);
}

// ---------------------------------------------------------------------------------------------
// Serialization

export function canonNumber(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  if (Number.isInteger(x)) return BigInt(x).toString();
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  let h = 'x';
  for (let k = 0; k < 8; k++) h += dv.getUint8(k).toString(16).padStart(2, '0');
  return h;
}

export function ser(x: unknown): Out {
  if (typeof x === 'boolean') return { b: x };
  if (typeof x === 'bigint') return { I: x.toString() };
  if (typeof x === 'number') return { N: canonNumber(x), d: Object.is(x, -0) ? '-0' : String(x) };
  if (x instanceof Uint8Array) return { y: toHex(x) };
  if (typeof x === 'string') return { s: x };
  if (x === undefined || x === null) return { n: 1 };
  if (Array.isArray(x)) return { l: x.map(ser) };
  if (x instanceof MemoryView) return { view: summary(x as unknown as View) };
  return { harness: `cannot serialize ${Object.prototype.toString.call(x)}` };
}

export function errOut(e: unknown): Out {
  if (e instanceof HarnessError) return { harness: e.message };
  if (e instanceof Error) return { err: e.name, msg: e.message };
  return { err: 'non-Error', msg: String(e) };
}

function attempt(fn: () => Out): Out {
  try {
    return fn();
  } catch (e) {
    return errOut(e);
  }
}

const PROPS = [
  'format',
  'itemsize',
  'ndim',
  'shape',
  'strides',
  'nbytes',
  'readonly',
  'cContiguous',
  'fContiguous',
  'contiguous',
] as const;

function summary(m: View): Record<string, Out> {
  const out: Record<string, Out> = {};
  for (const p of PROPS) out[p] = attempt(() => ser(m[p]));
  out.released = attempt(() => ser(m.released));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ops

function runOp(op: Op, ctx: Ctx): Out {
  const m = ctx.regs.get(op.r ?? 'm');
  if (!m) throw new NoRegister(op.r ?? 'm');
  const args = (op.a ?? []).map((a) => toJs(a, ctx));
  const store = (v: View): Out => {
    if (op.to) ctx.regs.set(op.to, v);
    return ser(v);
  };
  switch (op.op) {
    case 'get':
      return ser(m.get(...args));
    case 'set':
      m.set(...args);
      return ser(undefined);
    case 'slice':
      return store(m.slice(args[0], args[1], args[2]));
    case 'assign':
      m.slice(args[0], args[1], args[2]).assign(args[3]);
      return ser(undefined);
    case 'cast':
      return store(args.length > 1 ? m.cast(args[0], args[1]) : m.cast(args[0]));
    case 'toreadonly':
      return store(m.toreadonly());
    case 'wrap':
      return store(mv(m));
    case 'tolist':
      return ser(m.tolist());
    case 'tobytes':
      return ser(args.length ? m.tobytes(args[0]) : m.tobytes());
    case 'hex':
      return ser(args.length > 1 ? m.hex(args[0], args[1]) : args.length ? m.hex(args[0]) : m.hex());
    case 'count':
      return ser(m.count(args[0]));
    case 'index':
      return ser(m.index(...(args as [unknown, unknown?, unknown?])));
    case 'equals':
      return ser(m.equals(args[0]));
    case 'release':
      return ser(m.release());
    case 'dispose':
      return ser(m[Symbol.dispose]());
    case 'len':
      return ser(m.length);
    case 'iter':
      return ser([...m]);
    case 'props':
      return { view: summary(m) };
    case 'objIs':
      return ser(m.obj === ctx.base.obj);
    case 'mem':
      return { y: ctx.base.mem() };
    case 'export': {
      const h = m.export();
      if (op.to) ctx.exports.set(op.to, h);
      return store(h.view);
    }
    case 'unexport': {
      const h = ctx.exports.get(op.r ?? 'm');
      if (!h) throw new HarnessError(`no export ${op.r}`);
      return ser(h.release());
    }
  }
}

const MUTATING = new Set(['set', 'assign']);

export function runCase(c: Case): OpResult[] {
  let base: Base;
  try {
    base = buildSource(c.src);
  } catch (e) {
    return [{ r: errOut(e) }];
  }
  const ctx: Ctx = { regs: new Map([['m', base.view]]), exports: new Map(), base };
  return c.ops.map((op) => {
    const r = attempt(() => runOp(op, ctx));
    return MUTATING.has(op.op) ? { r, mem: base.mem() } : { r };
  });
}

export function runAll(cases: readonly Case[]): OpResult[][] {
  return cases.map(runCase);
}
