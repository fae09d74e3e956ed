/**
 * What CaptureReader emits and CaptureWriter takes: one record per pcap header or packet, or per
 * pcapng block, a union on `type`. Every record has `fileOffset`, the absolute offset of its first
 * byte in the file. Packets carry their frame number (1-based, as tshark's frame.number counts:
 * tshark 4.0 numbers custom blocks and systemd journal export blocks too, between the packets), their interface's link type and a nanosecond timestamp; pcapng metadata
 * keeps its options as the file has them (options.ts), so a file read and written back is the same.
 */
import type { PcapWarningCode } from '../errors.js';
import type { ByteOrder } from './byte-order.js';
import type { PcapngOption } from './options.js';

export type { ByteOrder } from './byte-order.js';
export type { PcapngOption } from './options.js';

/** A format's version: pcap 2.4, pcapng 1.0. */
export interface CaptureVersion {
  major: number;
  minor: number;
}

/** A pcap file's header (the first record of a pcap file). */
export interface HeaderRecord {
  type: 'header';
  fileOffset: number;
  byteOrder: ByteOrder;
  /** The magic says nanoseconds (0xA1B23C4D), not microseconds. */
  nanoseconds: boolean;
  version: CaptureVersion;
  /** Two fields libpcap writes as 0. */
  thisZone: number;
  sigFigs: number;
  snapLength: number;
  /** LINKTYPE_* (the field's low 16 bits). */
  linkType: number;
  /** The field's high 16 bits (FCS length and flags), kept to write back. */
  linkTypeInfo: number;
}

/** A captured packet: a pcap record, or a pcapng Enhanced, Simple or obsolete Packet Block. */
export interface PacketRecord {
  type: 'packet';
  /** 1-based over the file's packets, as tshark's frame.number. */
  frame: number;
  fileOffset: number;
  /** The pcapng interface within its section (0 in pcap). */
  interfaceId: number;
  linkType: number;
  /** Nanoseconds since the epoch. */
  timestamp: bigint;
  capturedLength: number;
  originalLength: number;
  /** The captured bytes (a view of the input). */
  data: Uint8Array;
  /** pcapng: the block it came from (default for writing: `epb`). */
  block?: 'epb' | 'spb' | 'pb';
  /** pcapng: the timestamp in the interface's units as stored (written back when it still agrees with `timestamp`). */
  rawTimestamp?: bigint;
  /** Obsolete Packet Block: its drops count. */
  dropsCount?: number;
  /** EPB and PB: options (epb_flags, opt_comment …). */
  options?: PcapngOption[];
}

/** A pcapng Section Header Block: a new section, its byte order and interfaces start here. */
export interface SectionRecord {
  type: 'section';
  fileOffset: number;
  byteOrder: ByteOrder;
  version: CaptureVersion;
  /** Bytes of the section after this block; -1 when not given. */
  sectionLength: bigint;
  options: PcapngOption[];
}

/** A pcapng Interface Description Block; `id` counts them within the section. */
export interface InterfaceRecord {
  type: 'interface';
  fileOffset: number;
  id: number;
  linkType: number;
  /** 0: no limit. */
  snapLength: number;
  /** if_tsresol (6, microseconds, when absent). */
  tsresol: number;
  /** if_tsoffset in seconds (0 when absent). */
  tsoffset: bigint;
  /** The 16 bits after the link type, kept to write back. */
  reserved: number;
  options: PcapngOption[];
}

export interface NameRecord {
  /** 1 IPv4, 2 IPv6, 0 nrb_record_end … */
  recordType: number;
  value: Uint8Array;
}

/** A pcapng Name Resolution Block: its records (the end record included) and options. */
export interface NamesRecord {
  type: 'names';
  fileOffset: number;
  records: NameRecord[];
  options: PcapngOption[];
}

/** A pcapng Interface Statistics Block. */
export interface StatisticsRecord {
  type: 'statistics';
  fileOffset: number;
  interfaceId: number;
  timestamp: bigint;
  rawTimestamp: bigint;
  options: PcapngOption[];
}

/** A pcapng Decryption Secrets Block. */
export interface SecretsRecord {
  type: 'secrets';
  fileOffset: number;
  secretsType: number;
  data: Uint8Array;
  options: PcapngOption[];
}

/** A pcapng Custom Block (0x00000BAD or 0x40000BAD): its Private Enterprise Number and the rest. */
export interface CustomRecord {
  type: 'custom';
  /** tshark numbers custom blocks as frames, between the packets. */
  frame: number;
  fileOffset: number;
  blockType: number;
  pen: number;
  body: Uint8Array;
}

/** A pcapng block of a type this package does not read: its body, skipped by length. */
export interface UnknownRecord {
  type: 'unknown';
  /** Set for the blocks tshark numbers as frames: systemd journal export (type 9). */
  frame?: number;
  fileOffset: number;
  blockType: number;
  body: Uint8Array;
}

/** Something a capture gets wrong that tshark and libpcap accept; the read goes on. Not written. */
export interface WarningRecord {
  type: 'warning';
  code: PcapWarningCode;
  message: string;
  fileOffset: number;
}

export type CaptureRecord =
  | HeaderRecord
  | PacketRecord
  | SectionRecord
  | InterfaceRecord
  | NamesRecord
  | StatisticsRecord
  | SecretsRecord
  | CustomRecord
  | UnknownRecord
  | WarningRecord;
