// The packets of a capture file for the layers tests, read by hand (pcap in either byte order,
// pcapng Enhanced Packet Blocks): a stand-in for the package's CaptureReader while it is being
// written, enough for the committed corpus files (one section, Ethernet). Replace with it later.
import { readFileSync } from 'node:fs';

export interface CapturedPacket {
  frame: number;
  linkType: number;
  data: Uint8Array;
}

export function capturePackets(file: string): CapturedPacket[] {
  const bytes = new Uint8Array(readFileSync(file));
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packets: CapturedPacket[] = [];
  const magic = dv.getUint32(0, false);
  if (magic === 0x0a0d0d0a) {
    const le = dv.getUint32(8, true) === 0x1a2b3c4d;
    const linkTypes: number[] = [];
    for (let at = 0; at < bytes.length; ) {
      const type = dv.getUint32(at, le);
      const length = dv.getUint32(at + 4, le);
      if (type === 1) linkTypes.push(dv.getUint16(at + 8, le));
      if (type === 6) {
        const captured = dv.getUint32(at + 20, le);
        const linkType = linkTypes[dv.getUint32(at + 8, le)] ?? -1;
        packets.push({
          frame: packets.length + 1,
          linkType,
          data: bytes.subarray(at + 28, at + 28 + captured),
        });
      }
      at += length;
    }
    return packets;
  }
  const le = magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1;
  const linkType = dv.getUint32(20, le);
  for (let at = 24; at < bytes.length; ) {
    const captured = dv.getUint32(at + 8, le);
    packets.push({ frame: packets.length + 1, linkType, data: bytes.subarray(at + 16, at + 16 + captured) });
    at += 16 + captured;
  }
  return packets;
}
