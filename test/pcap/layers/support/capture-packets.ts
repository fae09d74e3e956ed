// The packets of a capture file, read by the package's CaptureReader in one chunk, for the layers
// tests that decode every packet of a corpus capture.
import { readFileSync } from 'node:fs';
import { CaptureReader, type CaptureRecord, type PacketRecord } from '@stride/pcap';

export function capturePackets(file: string): PacketRecord[] {
  const packets: PacketRecord[] = [];
  const reader = new CaptureReader();
  const take = (record: CaptureRecord) => {
    if (record.type === 'packet') packets.push(record);
  };
  reader.write(new Uint8Array(readFileSync(file)), take);
  reader.finish(take);
  return packets;
}
