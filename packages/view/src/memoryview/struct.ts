/**
 * Just enough of Python's `struct` for views whose format is a whole struct string ('3B', '<hi',
 * 'Lf5s'): its size (`calcsize`) and unpacking an item into a tuple, which is how CPython
 * compares such views.
 */
import { halfToNumber } from '../half.js';
import { hostLittleEndian, itemFormat } from './format.js';

interface Field {
  readonly code: string;
  readonly offset: number;
  /** Bytes of one value; for `s`/`p`, the whole string. */
  readonly size: number;
  /** Values of this field (1 for `s`/`p`; 0 for padding). */
  readonly count: number;
}

export interface StructLayout {
  readonly size: number;
  readonly littleEndian: boolean;
  readonly fields: readonly Field[];
}

const ONE_BYTE = 'xcbB?sp';

/** The layout of a struct string, or null where `struct` would raise `struct.error`. */
export function structLayout(fmt: string): StructLayout | null {
  let i = 0;
  let prefix = '@';
  if (fmt.length > 0 && '@=<>!'.includes(fmt[0] as string)) {
    prefix = fmt[0] as string;
    i = 1;
  }
  const native = prefix === '@';
  const fields: Field[] = [];
  let offset = 0;
  while (i < fmt.length) {
    const ch = fmt[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    let count = 1;
    if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < fmt.length && (fmt[j] as string) >= '0' && (fmt[j] as string) <= '9') j++;
      count = Number(fmt.slice(i, j));
      i = j;
      if (i >= fmt.length) return null; // "repeat count given without format specifier"
    }
    const code = fmt[i++] as string;
    let size: number;
    if (code === 'x' || code === 's' || code === 'p') {
      size = 1;
    } else {
      const f = itemFormat(native ? code : `${prefix}${code}`);
      if (f === null) return null;
      size = f.itemsize;
    }
    if (native && !ONE_BYTE.includes(code)) offset = Math.ceil(offset / size) * size;
    if (code === 's' || code === 'p') {
      fields.push({ code, offset, size: count, count: 1 });
      offset += count;
    } else {
      if (code !== 'x') fields.push({ code, offset, size, count });
      offset += size * count;
    }
  }
  const littleEndian = prefix === '<' ? true : prefix === '>' || prefix === '!' ? false : hostLittleEndian;
  return { size: offset, littleEndian, fields };
}

/** `struct.unpack(fmt, bytes)`: the tuple of values of one item. */
export function unpackStruct(layout: StructLayout, bytes: Uint8Array): unknown[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = layout.littleEndian;
  const out: unknown[] = [];
  for (const f of layout.fields) {
    if (f.code === 's') {
      out.push(bytes.slice(f.offset, f.offset + f.size));
      continue;
    }
    if (f.code === 'p') {
      const n = f.size === 0 ? 0 : Math.min(bytes[f.offset] as number, f.size - 1);
      out.push(bytes.slice(f.offset + 1, f.offset + 1 + n));
      continue;
    }
    for (let k = 0; k < f.count; k++) {
      const at = f.offset + k * f.size;
      out.push(readField(f.code, f.size, dv, at, le));
    }
  }
  return out;
}

function readField(code: string, size: number, dv: DataView, at: number, le: boolean): unknown {
  switch (code) {
    case 'c':
      return Uint8Array.of(dv.getUint8(at));
    case '?':
      return dv.getUint8(at) !== 0;
    case 'e':
      return halfToNumber(dv.getUint16(at, le));
    case 'f':
      return dv.getFloat32(at, le);
    case 'd':
      return dv.getFloat64(at, le);
  }
  const signed = code === code.toLowerCase();
  switch (size) {
    case 1:
      return signed ? dv.getInt8(at) : dv.getUint8(at);
    case 2:
      return signed ? dv.getInt16(at, le) : dv.getUint16(at, le);
    case 4:
      return signed ? dv.getInt32(at, le) : dv.getUint32(at, le);
    default:
      return signed ? dv.getBigInt64(at, le) : dv.getBigUint64(at, le);
  }
}
