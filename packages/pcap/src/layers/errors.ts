/**
 * The errors and problems of decoding one packet's headers. Two kinds, by what the decoder can do
 * after them:
 *
 * - A `LayerError` (thrown) is a header that cannot be read, so nothing after it can be placed: one
 *   cut short by the end of the data, a version or a length field that contradicts the header (an
 *   IHL below 5, a TCP data offset below 5, an option that overruns its header). Its `offset` is the
 *   byte at fault, counted from the packet's first byte (add the record's file offset for the file's).
 * - A `LayerProblem` (in `Packet.problems`) is something noted while the packet still decodes: a
 *   payload cut short by the snap length, a link type or protocol this package does not know.
 *
 * Checksums are neither: a header's `checksum` status says 'good', 'bad' or 'unverified' (captures
 * on loopback carry offloaded, unfilled checksums, which tshark reports as unverified too).
 *
 * (To be merged into the package's errors.ts with the other folders' codes.)
 */
import { DecodeError, type DecodeErrorCode } from '@stride/codec';

/** Codes of `LayerError`. */
export const LayerErrorCode = {
  /** A header (link, VLAN tag, IP with its options, extension header, TCP with its options, UDP) runs past the data. */
  HEADER_TRUNCATED: 'HEADER_TRUNCATED',
  /** An IP version nibble other than the link layer announced (4 for 0x0800, 6 for 0x86DD), or neither 4 nor 6 for raw IP. */
  BAD_IP_VERSION: 'BAD_IP_VERSION',
  /** An IPv4 header length (IHL) below 5 words. */
  BAD_HEADER_LENGTH: 'BAD_HEADER_LENGTH',
  /** An IPv4 total length below its header length (0 aside: see TOTAL_LENGTH_ZERO), or a UDP length below 8. */
  BAD_LENGTH: 'BAD_LENGTH',
  /** A TCP data offset below 5 words. */
  BAD_DATA_OFFSET: 'BAD_DATA_OFFSET',
  /** An IPv4 or TCP option whose length is below 2 or overruns the options, or a fixed-size option of another length. */
  BAD_OPTION: 'BAD_OPTION',
} as const;
export type LayerErrorCode = (typeof LayerErrorCode)[keyof typeof LayerErrorCode];

/** Every code an error from decoding a packet carries: its own and codec's. */
export type LayerReadErrorCode = LayerErrorCode | DecodeErrorCode;

/** A header that cannot be decoded; `offset` is from the packet's first byte. */
export class LayerError extends DecodeError<LayerErrorCode> {
  override name = 'LayerError';
}

/** Codes of `LayerProblem`. */
export const LayerProblemCode = {
  /** The IP total length (or UDP length) says more bytes than the data holds: the payload is what was captured. */
  PAYLOAD_TRUNCATED: 'PAYLOAD_TRUNCATED',
  /** An IPv4 total length of 0 (TCP segmentation offload on the capturing host): the data's end is taken. */
  TOTAL_LENGTH_ZERO: 'TOTAL_LENGTH_ZERO',
  /** A UDP length past the end of its IP payload: the payload ends with the IP payload. */
  UDP_LENGTH_PAST_IP: 'UDP_LENGTH_PAST_IP',
  /** A link type this package does not decode: the payload is the whole packet. */
  UNSUPPORTED_LINK_TYPE: 'UNSUPPORTED_LINK_TYPE',
} as const;
export type LayerProblemCode = (typeof LayerProblemCode)[keyof typeof LayerProblemCode];

/** Something noted while a packet still decoded; `offset` is from the packet's first byte. */
export interface LayerProblem {
  readonly code: LayerProblemCode;
  readonly offset: number;
  readonly message: string;
}

/** A LayerError at `offset`, with what was expected and what was found. */
export function layerError(
  code: LayerErrorCode,
  offset: number,
  detail: string,
  expected?: string,
  actual?: string,
): LayerError {
  return new LayerError(code, detail, { offset, expected, actual });
}

/** The LayerError for a header of `length` bytes at `offset` that `data` cuts short. */
export function truncated(what: string, offset: number, length: number, data: Uint8Array): LayerError {
  const left = Math.max(0, data.length - offset);
  return layerError(
    LayerErrorCode.HEADER_TRUNCATED,
    offset,
    `the ${what} needs ${length} bytes, ${left} left`,
    `${length} bytes`,
    `${left} bytes`,
  );
}
