/**
 * pcapng options (§3.5): a list of {code, length, value, padding to 4 bytes}, read as a codec
 * schema of one byte order, each option's value typed by option-names.ts (text, a number, a bigint,
 * or its bytes). The list is kept as the file has it, opt_endofopt included where the file has one,
 * so a block written back is the same bytes; numbers are written in the section's order, so a block
 * moved to a section of the other order stays right.
 */
import { align, array, bytes, type Codec, EncodeError, struct, transform } from '@stride/codec';
import type { Ints } from './byte-order.js';
import { type OptionBlock, type OptionKind, optionInfo } from './option-names.js';

/** One option: its code, its name where this package knows it, and its value. */
export interface PcapngOption {
  code: number;
  name?: string;
  /** text for text options (valid UTF-8), number / bigint for numeric ones, else the bytes (a view). */
  value: string | number | bigint | Uint8Array;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

function readValue(kind: OptionKind | undefined, raw: Uint8Array, le: boolean): PcapngOption['value'] {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (kind) {
    case 'string':
      try {
        return utf8.decode(raw);
      } catch {
        return raw;
      }
    case 'u8':
      return raw.length === 1 ? view.getUint8(0) : raw;
    case 'u32':
      return raw.length === 4 ? view.getUint32(0, le) : raw;
    case 'u64':
      return raw.length === 8 ? view.getBigUint64(0, le) : raw;
    case 'i64':
      return raw.length === 8 ? view.getBigInt64(0, le) : raw;
    case 'timestamp':
      return raw.length === 8 ? (BigInt(view.getUint32(0, le)) << 32n) | BigInt(view.getUint32(4, le)) : raw;
    default:
      return raw;
  }
}

function writeValue(kind: OptionKind | undefined, value: PcapngOption['value'], le: boolean): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return utf8Encoder.encode(value);
  const size = kind === 'u8' ? 1 : kind === 'u32' ? 4 : 8;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  if (typeof value === 'number' && kind === 'u8') view.setUint8(0, value);
  else if (typeof value === 'number' && kind === 'u32') view.setUint32(0, value, le);
  else if (typeof value === 'bigint' && kind === 'u64') view.setBigUint64(0, value, le);
  else if (typeof value === 'bigint' && kind === 'i64') view.setBigInt64(0, value, le);
  else if (typeof value === 'bigint' && kind === 'timestamp') {
    view.setUint32(0, Number(value >> 32n), le);
    view.setUint32(4, Number(value & 0xffffffffn), le);
  } else
    throw new EncodeError('BAD_VALUE', `a ${typeof value} is not a value of a ${kind ?? 'bytes'} option`);
  return out;
}

/** The list of options of a block of kind `block`, in byte order `ints`, to the end of the block's body. */
export function optionList(ints: Ints, block: OptionBlock): Codec<PcapngOption[]> {
  const le = ints.order === 'le';
  const raw = struct({ code: ints.u16, value: bytes(ints.u16), pad: align(4) });
  const option = transform(raw, {
    decode: (r): PcapngOption => {
      const info = optionInfo(block, r.code);
      if (info === undefined) return { code: r.code, value: r.value };
      return { code: r.code, name: info[0], value: readValue(info[1], r.value, le) };
    },
    encode: (o: PcapngOption) => {
      const value = writeValue(optionInfo(block, o.code)?.[1], o.value, le);
      if (value.length > 0xffff)
        throw new EncodeError('OUT_OF_RANGE', `option ${o.code}: ${value.length} bytes`);
      return { code: o.code, value };
    },
  });
  return array(option, 'toEnd');
}
