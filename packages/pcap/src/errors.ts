/**
 * The errors of @stride/pcap. Every one is a DecodeError from @stride/codec with the absolute offset
 * of the byte at fault (in a capture file: from the file's first byte) and a code from the list
 * below; a codec fault inside a block or record (a field past the block's end, an option that
 * overruns) keeps its class and path and is recoded here. Warnings (the read goes on) are records
 * of their own, with a code from `PcapWarningCode`.
 *
 * Each part of the package adds its codes to these objects.
 */
import { DecodeError, type DecodeErrorCode, type DecodeErrorDetails } from '@stride/codec';

export const PcapErrorCode = {
  /** The first four bytes are neither a pcap magic (µs or ns, either byte order) nor a pcapng Section Header Block. */
  BAD_MAGIC: 'BAD_MAGIC',
  /** A Section Header Block whose byte-order magic is not 0x1A2B3C4D in either order. */
  BAD_BYTE_ORDER: 'BAD_BYTE_ORDER',
  /** A pcap major version other than 2, or a pcapng major version other than 1. */
  UNSUPPORTED_VERSION: 'UNSUPPORTED_VERSION',
  /** A block's total length that is not a multiple of 4 (0xFFFFFFFF included) or is below its type's minimum. */
  BAD_BLOCK_LENGTH: 'BAD_BLOCK_LENGTH',
  /** A block longer than the reader's `maxBlockBytes`, refused before its body is held. */
  BLOCK_TOO_LARGE: 'BLOCK_TOO_LARGE',
  /** A block's trailing total length differs from its leading one. */
  BLOCK_LENGTH_MISMATCH: 'BLOCK_LENGTH_MISMATCH',
  /** A block's fields do not fit its length (a captured length past the block's end, a missing NRB end). */
  BAD_BLOCK_BODY: 'BAD_BLOCK_BODY',
  /** An option whose length overruns its block, or a run of option bytes too short to be one. */
  BAD_OPTION: 'BAD_OPTION',
  /** A packet's captured length above the reader's `maxSnapLength`. */
  SNAPLEN_EXCEEDED: 'SNAPLEN_EXCEEDED',
  /** A packet or statistics block naming an interface its section has not described. */
  UNKNOWN_INTERFACE: 'UNKNOWN_INTERFACE',
  /** The file ends inside a header, record or block. */
  TRUNCATED: 'TRUNCATED',
} as const;
export type PcapErrorCode = (typeof PcapErrorCode)[keyof typeof PcapErrorCode];

/** Codes of warnings: the read goes on (tshark and libpcap accept these files). */
export const PcapWarningCode = {
  /** A section whose Section Header Block gives a length (not -1, "unknown") other than its bytes'. */
  SECTION_LENGTH_MISMATCH: 'SECTION_LENGTH_MISMATCH',
} as const;
export type PcapWarningCode = (typeof PcapWarningCode)[keyof typeof PcapWarningCode];

/**
 * TCP reassembly never throws on what a capture holds: a segment it cannot place, a bound it
 * reaches, is dropped or cut short with a `warning` event naming one of these codes and the frame
 * that caused it, and the reassembly goes on.
 */
/** Codes of the `warning` events of `TcpReassembler`. */
export const TcpWarningCode = {
  /** Out-of-order bytes held for a direction passed `maxBufferedPerDirection`: the oldest hole was reported as a gap. */
  BUFFER_FULL: 'BUFFER_FULL',
  /** The table of connections was full (`maxConnections`): the least recently active one was closed as `evicted`. */
  CONNECTION_EVICTED: 'CONNECTION_EVICTED',
  /** A segment starting more than `maxGap` bytes past the next expected byte (a bogus sequence number): dropped. */
  SEGMENT_OUT_OF_WINDOW: 'SEGMENT_OUT_OF_WINDOW',
  /** Payload before the direction's first byte (before ISN+1, or before the first segment seen without a SYN): dropped. */
  SEGMENT_BEFORE_START: 'SEGMENT_BEFORE_START',
  /** Payload past the direction's FIN: dropped. */
  DATA_AFTER_FIN: 'DATA_AFTER_FIN',
  /** Payload on a closed connection in a segment that is not a new SYN: dropped. */
  SEGMENT_AFTER_CLOSE: 'SEGMENT_AFTER_CLOSE',
} as const;
export type TcpWarningCode = (typeof TcpWarningCode)[keyof typeof TcpWarningCode];

/**
 * Decoding one packet's headers (layers/) has errors and problems. Two kinds, by what the decoder can do
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
 */
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

/** Every code an error from this package carries: its own and codec's (`LIMIT_EXCEEDED` …). */
export type PcapReadErrorCode = PcapErrorCode | DecodeErrorCode;

/** A capture rule was broken. `code` is one of `PcapErrorCode`. */
export class PcapError extends DecodeError<PcapErrorCode> {
  override name = 'PcapError';
  constructor(code: PcapErrorCode, detail: string, details: DecodeErrorDetails) {
    super(code, detail, details);
  }
}
