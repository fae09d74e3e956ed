// Writing: every capture read and written back is the same bytes; a filtered copy (every other
// packet, metadata kept) is read by tshark with no warning and lists those packets; each capture
// converted to the other byte order by the writer is read by tshark as the same packets, and read
// back by CaptureReader as the same records but the byte order.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureRecord } from '@stride/pcap';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CAPTURES,
  FIXTURES,
  fixture,
  frameLine,
  readRecords,
  tshark,
  tsharkFrames,
  writeRecords,
} from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'stride-pcap-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const noTshark = tshark() === undefined;

/** The record in the other byte order. */
function swapped(r: CaptureRecord): CaptureRecord {
  const other = (o: 'le' | 'be') => (o === 'le' ? 'be' : 'le');
  if (r.type === 'header' || r.type === 'section') return { ...r, byteOrder: other(r.byteOrder) };
  return r;
}

/** The records, renumbered and without file offsets, which a rewrite changes. */
function placeless(records: CaptureRecord[]): unknown[] {
  return records.map((r) => ({ ...r, fileOffset: 0, ...(r.type === 'packet' ? { frame: 0 } : {}) }));
}

describe('CaptureWriter', () => {
  for (const name of CAPTURES) {
    const bytes = fixture(name);
    const records = readRecords(bytes);
    const pcapng = name.endsWith('.pcapng');

    it(`${name}: read and written back is the same bytes`, () => {
      expect(Buffer.from(writeRecords(records)).equals(Buffer.from(bytes))).toBe(true);
    });

    it.skipIf(noTshark)(`${name}: every other packet, written, is read by tshark with no warning`, () => {
      let n = 0;
      const kept = records.filter((r) => r.type !== 'packet' || n++ % 2 === 0);
      const file = join(dir, `half-${name}`);
      writeFileSync(file, writeRecords(kept));
      const again = readRecords(writeRecords(kept));
      expect(placeless(again)).toEqual(placeless(kept));
      const { lines, stderr } = tsharkFrames(file);
      expect(stderr).toBe('');
      const packets = again.filter((r) => r.type === 'packet');
      expect(lines).toEqual(packets.map((p) => frameLine(p, pcapng)));
      expect(lines.length).toBe(Math.ceil(n / 2));
    });

    it(`${name}: converted to the other byte order, read back the same${noTshark ? '' : ' by tshark too'}`, () => {
      const converted = writeRecords(records.map(swapped));
      expect(converted.length).toBe(bytes.length);
      expect(converted[0] === bytes[0] && converted[1] === bytes[1] && converted[4] === bytes[4]).toBe(false);
      const again = readRecords(converted);
      expect(again.map(swapped)).toEqual(records);
      if (noTshark) return;
      const file = join(dir, `swapped-${name}`);
      writeFileSync(file, converted);
      const { lines, stderr } = tsharkFrames(file);
      expect(stderr).toBe('');
      expect(lines).toEqual(tsharkFrames(join(FIXTURES, name)).lines);
    });
  }
});
