/**
 * TCP options, checked when the header is decoded and decoded when asked for. The check is a walk
 * over the kind and length bytes (an option shorter than 2 or past the header, MSS, window scale,
 * SACK permitted and timestamps of another length than theirs, SACK blocks not 2 + 8n): it finds
 * every fault the schema would, at the byte at fault, for a fraction of the schema's cost. Most
 * readers of a capture never look at the options; those that do get them from the schema.
 */
import { LayerErrorCode } from '../errors.js';
import { layerError } from './faults.js';
import { HeaderReader } from './header-reader.js';
import { type TcpOption, tcpOptions } from './transport-schemas.js';

/** The length each fixed-size option must have, by kind. */
const FIXED: readonly (number | undefined)[] = [
  undefined,
  undefined,
  4,
  3,
  2,
  undefined,
  undefined,
  undefined,
  10,
];

const readers = tcpOptions.map((codec) => new HeaderReader(codec, LayerErrorCode.BAD_OPTION));

function bad(at: number, detail: string, expected: string, actual: number): never {
  throw layerError(LayerErrorCode.BAD_OPTION, at, detail, expected, `${actual}`);
}

/** Throws a LayerError BAD_OPTION at the first malformed option in `data[start, end)`. */
export function checkTcpOptions(data: Uint8Array, start: number, end: number): void {
  for (let at = start; at < end; ) {
    const kind = data[at] as number;
    if (kind === 0) return;
    if (kind === 1) {
      at++;
      continue;
    }
    if (at + 1 >= end) bad(at, `TCP option ${kind} has no length byte`, 'a length byte', 0);
    const length = data[at + 1] as number;
    if (length < 2) bad(at + 1, `TCP option ${kind} is shorter than 2 bytes`, '2 or more', length);
    if (at + length > end)
      bad(at + 1, `TCP option ${kind} runs past the header`, `${end - at} or less`, length);
    const fixed = FIXED[kind];
    if (fixed !== undefined && length !== fixed)
      bad(at + 1, `TCP option ${kind} of another length`, `${fixed}`, length);
    if (kind === 5 && (length - 2) % 8 !== 0) bad(at + 1, 'SACK blocks of 8 bytes each', '2 + 8n', length);
    at += length;
  }
}

/** The options of the TCP header of `words` words at `at` in `data` (checked by checkTcpOptions). */
export function readTcpOptions(data: Uint8Array, at: number, words: number): TcpOption[] {
  return words > 5 ? (readers[words] as HeaderReader<TcpOption[]>).read(data, at + 20) : [];
}
