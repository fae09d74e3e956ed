// Hostile and broken captures: every bound gives a typed error (a DecodeError with a code of
// PcapErrorCode and the absolute file offset of the byte at fault), raised after the records before
// it and at once (never waiting for a block's bytes), and again by later calls. A section length
// that lies is a warning, as tshark reads such files.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecodeError } from '@stride/codec';
import { CaptureReader, type CaptureRecord } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { fixture, readRecords, readUntilError, tshark, tsharkFrames, writeRecords } from './support.js';

// mqtt.pcapng: SHB at 0 (180 bytes), IDB at 180 (88), the first EPB at 268 (108), the second at 376.
const NG = fixture('mqtt.pcapng');
// postgres-v3.pcap: the 24-byte header, the first record at 24 (16 + 74 bytes), the second at 114.
const PCAP = fixture('postgres-v3.pcap');

function patched(bytes: Uint8Array, at: number, value: number, size: 2 | 4 = 4): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  if (size === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value, true);
  return copy;
}

function expectError(bytes: Uint8Array, code: string, offset: number, records?: number): CaptureRecord[] {
  const { records: before, error } = readUntilError(bytes);
  expect(error).toBeInstanceOf(DecodeError);
  expect(error).toMatchObject({ code, offset });
  if (records !== undefined) expect(before.length).toBe(records);
  return before;
}

/** Writes `bytes` (at most `upTo` of them) to a fresh reader, emitting into `out`; returns what it threw. */
function writeSome(bytes: Uint8Array, upTo: number, out: CaptureRecord[] = []): unknown {
  const reader = new CaptureReader();
  try {
    reader.write(bytes.subarray(0, upTo), (r) => out.push(r));
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('file starts', () => {
  it('refuses bytes that are no capture (BAD_MAGIC at 0)', () => {
    expectError(new TextEncoder().encode('GIF89a, not a capture at all'), 'BAD_MAGIC', 0, 0);
  });

  it('refuses a pcap major version other than 2 and a pcapng major other than 1', () => {
    expectError(patched(PCAP, 4, 3, 2), 'UNSUPPORTED_VERSION', 4, 0);
    expectError(patched(NG, 12, 2, 2), 'UNSUPPORTED_VERSION', 12, 0);
  });

  it('refuses a section whose byte-order magic is neither order (BAD_BYTE_ORDER at 8)', () => {
    expectError(patched(NG, 8, 0x11223344), 'BAD_BYTE_ORDER', 8, 0);
  });

  it('says TRUNCATED for a file cut in a header, a record or a block, at the field cut, naming the record', () => {
    expectError(PCAP.subarray(0, 10), 'TRUNCATED', 8, 0);
    const { error } = readUntilError(PCAP.subarray(0, 120));
    expect(error).toMatchObject({
      code: 'TRUNCATED',
      offset: 118,
      message: expect.stringMatching(/record at byte 114/),
    });
    expectError(NG.subarray(0, 300), 'TRUNCATED', 296, 2);
  });
});

describe('block and record lengths', () => {
  it('refuses a block length of 0xFFFFFFFF at once, after the records before it', () => {
    const bytes = patched(NG, 184, 0xffffffff);
    expectError(bytes, 'BAD_BLOCK_LENGTH', 184, 1);
    const out: CaptureRecord[] = [];
    expect(writeSome(bytes, 192, out)).toMatchObject({ code: 'BAD_BLOCK_LENGTH', offset: 184 });
    expect(out.map((r) => r.type)).toEqual(['section']);
  });

  it('refuses a block length not a multiple of 4, or below its type minimum', () => {
    expectError(patched(NG, 272, 106), 'BAD_BLOCK_LENGTH', 272, 2);
    expectError(patched(NG, 272, 28), 'BAD_BLOCK_LENGTH', 272, 2);
    expectError(patched(NG, 184, 8), 'BAD_BLOCK_LENGTH', 184, 1);
  });

  it('refuses a block longer than maxBlockBytes before holding it', () => {
    const bytes = patched(NG, 272, 0x10000000);
    expect(writeSome(bytes, 290)).toMatchObject({ code: 'BLOCK_TOO_LARGE', offset: 272 });
    const small = readUntilError(NG, { maxBlockBytes: 100 });
    expect(small.error).toMatchObject({ code: 'BLOCK_TOO_LARGE', offset: 4 });
  });

  it('refuses a trailing block length that differs (at the trailer)', () => {
    expectError(patched(NG, 268 + 104, 104), 'BLOCK_LENGTH_MISMATCH', 372, 2);
  });

  it('refuses a captured length past maxSnapLength, in pcap and pcapng, before its bytes arrive', () => {
    expect(writeSome(patched(PCAP, 32, 0x7fffffff), 40)).toMatchObject({
      code: 'SNAPLEN_EXCEEDED',
      offset: 32,
    });
    expectError(patched(NG, 268 + 20, 300_000), 'SNAPLEN_EXCEEDED', 288, 2);
    const { records, error } = readUntilError(PCAP, { maxSnapLength: 70 });
    expect(error).toMatchObject({ code: 'SNAPLEN_EXCEEDED', offset: 32 });
    expect(records.length).toBe(1);
  });

  it("refuses a packet's captured length past its block (BAD_BLOCK_BODY)", () => {
    expectError(patched(NG, 268 + 20, 200), 'BAD_BLOCK_BODY', 296, 2);
  });

  it('refuses an option that overruns its block (BAD_OPTION)', () => {
    // The IDB's first option (if_name, at 196): a length of 0xFFFF.
    expectError(patched(NG, 198, 0xffff, 2), 'BAD_OPTION', 200, 1);
  });
});

describe('Simple Packet Blocks', () => {
  // A section, an interface at 28 of snaplen 40 (the field at 40), an SPB at 48 of 100 bytes cut to 40.
  const spb = writeRecords([
    {
      type: 'section',
      fileOffset: 0,
      byteOrder: 'le',
      version: { major: 1, minor: 0 },
      sectionLength: -1n,
      options: [],
    },
    {
      type: 'interface',
      fileOffset: 0,
      id: 0,
      linkType: 1,
      snapLength: 40,
      tsresol: 6,
      tsoffset: 0n,
      reserved: 0,
      options: [],
    },
    {
      type: 'packet',
      frame: 1,
      fileOffset: 0,
      interfaceId: 0,
      linkType: 1,
      timestamp: 0n,
      capturedLength: 40,
      originalLength: 100,
      data: new Uint8Array(40),
      block: 'spb',
    },
  ]);

  it('takes the captured length from the snaplen', () => {
    expect(readRecords(spb).at(-1)).toMatchObject({
      type: 'packet',
      capturedLength: 40,
      originalLength: 100,
    });
  });

  it('refuses one whose captured length is past its block (BAD_BLOCK_BODY) or maxSnapLength', () => {
    expectError(patched(spb, 40, 0), 'BAD_BLOCK_BODY', 56, 2);
    const { error } = readUntilError(spb, { maxSnapLength: 39 });
    expect(error).toMatchObject({ code: 'SNAPLEN_EXCEEDED', offset: 56 });
  });

  it('refuses one before any interface (UNKNOWN_INTERFACE)', () => {
    const alone = new Uint8Array([...spb.subarray(0, 28), ...spb.subarray(48)]);
    expectError(alone, 'UNKNOWN_INTERFACE', 36, 1);
  });
});

describe('interfaces and sections', () => {
  it('refuses a packet of an interface the section has not described (UNKNOWN_INTERFACE)', () => {
    expectError(patched(NG, 268 + 8, 5), 'UNKNOWN_INTERFACE', 276, 2);
  });

  it.skipIf(tshark() === undefined)('…as tshark does', () => {
    const file = join(tmpdir(), `stride-pcap-iface-${process.pid}.pcapng`);
    writeFileSync(file, patched(NG, 268 + 8, 5));
    expect(tsharkFrames(file).stderr).toMatch(/interface/);
  });

  it('warns of a section length that lies, at the field, and reads on (tshark does)', () => {
    const liar = patched(patched(NG, 16, 100), 20, 0);
    const records = readRecords(liar);
    const warning = records.at(-1);
    expect(warning).toMatchObject({ type: 'warning', code: 'SECTION_LENGTH_MISMATCH', fileOffset: 16 });
    expect(records.slice(0, -1)).toEqual(
      readRecords(NG).map((r) => (r.type === 'section' ? { ...r, sectionLength: 100n } : r)),
    );
    const right = patched(patched(NG, 16, NG.length - 180), 20, 0);
    expect(readRecords(right).some((r) => r.type === 'warning')).toBe(false);
  });

  it.skipIf(tshark() === undefined)('…as tshark reads a section length that lies, with no warning', () => {
    const file = join(tmpdir(), `stride-pcap-liar-${process.pid}.pcapng`);
    writeFileSync(file, patched(patched(NG, 16, 100), 20, 0));
    const { lines, stderr } = tsharkFrames(file);
    expect(stderr).toBe('');
    expect(lines.length).toBe(118);
  });

  it('tolerates -1, unknown, and checks each section of several when it ends', () => {
    expect(readRecords(NG).some((r) => r.type === 'warning')).toBe(false);
    const two = new Uint8Array([...patched(patched(NG, 16, 7), 20, 0), ...NG]);
    const warnings = readRecords(two).filter((r) => r.type === 'warning');
    expect(warnings).toEqual([
      expect.objectContaining({ fileOffset: 16, message: expect.stringMatching(/7 bytes.*12924/) }),
    ]);
  });
});

describe('after an error', () => {
  it('raises the same error on every later call', () => {
    const reader = new CaptureReader();
    const bytes = patched(NG, 184, 0xffffffff);
    let first: unknown;
    try {
      reader.write(bytes, () => {});
    } catch (e) {
      first = e;
    }
    expect(first).toBeInstanceOf(DecodeError);
    expect(() => reader.write(new Uint8Array(4), () => {})).toThrow(first as Error);
    expect(() => reader.finish(() => {})).toThrow(first as Error);
  });
});
