/**
 * file/: capture files read and written as streams. CaptureReader sniffs pcap (either byte order,
 * micro- or nanoseconds) or pcapng and emits a record per header, packet or block; CaptureWriter
 * writes records back to the same bytes.
 */

export { CaptureReader, type CaptureReaderOptions, DEFAULT_MAX_SNAP_LENGTH } from './capture-reader.js';
export { CaptureWriter } from './capture-writer.js';
export type {
  ByteOrder,
  CaptureRecord,
  CaptureVersion,
  CustomRecord,
  HeaderRecord,
  InterfaceRecord,
  NameRecord,
  NamesRecord,
  PacketRecord,
  PcapngOption,
  SecretsRecord,
  SectionRecord,
  StatisticsRecord,
  UnknownRecord,
  WarningRecord,
} from './records.js';
