import { ValueError } from '../errors.js';
import { pyTypeName } from './python.js';

/** The separator character code `hex(sep)` takes, checked as CPython's `_Py_strhex_impl` checks it. */
function sepChar(sep: unknown): number {
  const len =
    typeof sep === 'string' || sep instanceof Uint8Array || Array.isArray(sep) ? sep.length : undefined;
  if (len === undefined) throw new TypeError(`object of type '${pyTypeName(sep)}' has no len()`);
  if (len !== 1) throw new ValueError('sep must be length 1.');
  let code: number;
  if (typeof sep === 'string') code = sep.charCodeAt(0);
  else if (sep instanceof Uint8Array) code = sep[0] as number;
  else throw new TypeError('sep must be str or bytes.');
  if (code > 127) throw new ValueError('sep must be ASCII.');
  return code;
}

/**
 * `bytes.hex(sep, bytes_per_sep)`: a positive group size counts groups from the right,
 * a negative one from the left, zero means no separator.
 */
export function formatHex(bytes: Uint8Array, sep: unknown, bytesPerSep: number): string {
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
  if (sep === undefined) return hex;
  const s = String.fromCharCode(sepChar(sep));
  const group = Math.abs(bytesPerSep);
  const n = bytes.length;
  if (group === 0 || group >= n) return hex;
  const parts: string[] = [];
  if (bytesPerSep < 0) {
    for (let i = 0; i < n; i += group) parts.push(hex.slice(2 * i, 2 * Math.min(i + group, n)));
  } else {
    const first = n % group || group;
    parts.push(hex.slice(0, 2 * first));
    for (let i = first; i < n; i += group) parts.push(hex.slice(2 * i, 2 * (i + group)));
  }
  return parts.join(s);
}
