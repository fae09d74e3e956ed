/**
 * TCP reassembly: `TcpReassembler` turns decoded segments into each connection's two byte streams
 * (data in stream order, gaps, overlaps, open and close), `FrameIndex` maps a stream offset back to
 * the frame that carried it, `segmentOf` takes a decoded packet's TCP segment.
 */
export { FrameIndex } from './frame-index.js';
export { segmentOf } from './from-packet.js';
export type { TcpReassemblerOptions } from './options.js';
export { TcpReassembler } from './reassembler.js';
export { endpoint } from './roles.js';
export type {
  CloseReason,
  Direction,
  TcpConnection,
  TcpEmit,
  TcpEvent,
  TcpFlags,
  TcpSegment,
} from './types.js';
