/**
 * The TCP segment a decoded packet holds, for TcpReassembler: addresses and ports, sequence
 * numbers, flags and a view of the payload from decodePacket's layers, with the capture record's
 * frame and time. A packet that is not TCP, or an IP fragment (reassembled first, or left out), has none.
 */
import type { Packet } from '../layers/index.js';
import type { TcpSegment } from './types.js';

export function segmentOf(packet: Packet, frame: number, timestamp: bigint): TcpSegment | undefined {
  const { network, transport } = packet;
  if (network === undefined || transport?.type !== 'tcp' || network.fragmented) return undefined;
  const { srcPort, dstPort, seq, ack, flags } = transport.header;
  return {
    frame,
    timestamp,
    src: network.header.src,
    dst: network.header.dst,
    srcPort,
    dstPort,
    seq,
    ack,
    flags,
    payload: packet.payload,
  };
}
