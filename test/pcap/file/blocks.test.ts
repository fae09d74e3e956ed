// pcapng blocks the corpus lacks, in a file the writer makes: two sections of both byte orders,
// several interfaces (if_tsresol as a power of 10 and of 2, if_tsoffset, a snaplen), Enhanced,
// Simple and obsolete Packet Blocks, Name Resolution, Interface Statistics, Decryption Secrets,
// custom and unknown blocks. Read back as written (and written back the same bytes), and the
// packet list equals tshark's.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaptureRecord, PacketRecord } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { epoch, frameLine, readRecords, tshark, tsharkFrames, writeRecords } from './support.js';

const base = { fileOffset: 0 };
const section = (byteOrder: 'le' | 'be'): CaptureRecord => ({
  type: 'section',
  ...base,
  byteOrder,
  version: { major: 1, minor: 0 },
  sectionLength: -1n,
  options: [
    { code: 4, name: 'shb_userappl', value: 'stride tests' },
    { code: 0, name: 'opt_endofopt', value: new Uint8Array(0) },
  ],
});
const iface = (linkType: number, tsresol: number, snapLength = 0, tsoffset = 0n): CaptureRecord => ({
  type: 'interface',
  ...base,
  id: 0,
  linkType,
  snapLength,
  tsresol,
  tsoffset,
  reserved: 0,
  options: [
    { code: 9, name: 'if_tsresol', value: tsresol },
    ...(tsoffset === 0n ? [] : [{ code: 14, name: 'if_tsoffset', value: tsoffset }]),
  ],
});
/** An IPv4/UDP datagram of `n` bytes, behind an Ethernet header when `ethernet`. */
function frame(n: number, ethernet: boolean): Uint8Array {
  const ip = new Uint8Array(n - (ethernet ? 14 : 0));
  ip.set([0x45, 0, ip.length >> 8, ip.length & 0xff, 0, 1, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]);
  ip.set([0x30, 0x39, 0x30, 0x39, (ip.length - 20) >> 8, (ip.length - 20) & 0xff], 20);
  if (!ethernet) return ip;
  const out = new Uint8Array(n);
  out.set([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00]);
  out.set(ip, 14);
  return out;
}
const packet = (p: Partial<PacketRecord> & { data: Uint8Array; timestamp: bigint }): PacketRecord => ({
  type: 'packet',
  frame: 0,
  ...base,
  interfaceId: 0,
  linkType: 1,
  capturedLength: p.data.length,
  originalLength: p.data.length,
  ...p,
});

const T = 1_700_000_000_123_456_789n;
const records: CaptureRecord[] = [
  section('le'),
  iface(1, 9),
  iface(101, 3, 0, 10n),
  iface(1, 0x80 | 20, 60),
  packet({
    timestamp: T,
    data: frame(61, true),
    options: [
      { code: 2, name: 'epb_flags', value: 1 },
      { code: 1, name: 'opt_comment', value: 'first' },
      { code: 0, name: 'opt_endofopt', value: new Uint8Array(0) },
    ],
  }),
  packet({ timestamp: 0n, data: frame(42, true), block: 'spb' }),
  packet({
    timestamp: 1_700_000_001_250_000_000n,
    interfaceId: 1,
    linkType: 101,
    data: frame(33, false),
    block: 'pb',
    dropsCount: 3,
    options: [],
  }),
  packet({
    timestamp: 1_700_000_002_000_000_953n,
    interfaceId: 2,
    data: frame(60, true),
    originalLength: 90,
    options: [],
  }),
  {
    type: 'names',
    ...base,
    records: [
      { recordType: 1, value: new Uint8Array([127, 0, 0, 1, 0x6c, 0x6f, 0, 0]) },
      { recordType: 0, value: new Uint8Array(0) },
    ],
    options: [],
  },
  {
    type: 'statistics',
    ...base,
    interfaceId: 2,
    timestamp: 1_700_000_003_000_000_000n,
    rawTimestamp: 1_700_000_003n << 20n,
    options: [{ code: 4, name: 'isb_ifrecv', value: 3n }],
  },
  {
    type: 'secrets',
    ...base,
    secretsType: 0x544c534b,
    data: new TextEncoder().encode('CLIENT_RANDOM 00 00\n'),
    options: [],
  },
  { type: 'custom', frame: 0, ...base, blockType: 0xbad, pen: 32473, body: new Uint8Array([1, 2, 3, 4]) },
  { type: 'custom', frame: 0, ...base, blockType: 0x40000bad, pen: 32473, body: new Uint8Array(0) },
  { type: 'unknown', ...base, blockType: 0x101, body: new Uint8Array([9, 9, 9, 9, 9, 9, 9, 9]) },
  {
    type: 'unknown',
    ...base,
    blockType: 9,
    body: new TextEncoder().encode('__REALTIME_TIMESTAMP=1700000000000001\nMESSAGE=hi\n\n\0\0'),
  },
  section('be'),
  iface(1, 6, 50),
  packet({ timestamp: T - (T % 1000n), data: frame(80, true) }),
  packet({ timestamp: 0n, data: frame(100, true).subarray(0, 50), originalLength: 100, block: 'spb' }),
];

describe('pcapng blocks the corpus lacks', () => {
  const bytes = writeRecords(records);
  const read = readRecords(bytes);

  it('reads every block back, in order, as what was written', () => {
    expect(read.map((r) => r.type)).toEqual(records.map((r) => r.type));
    expect(Buffer.from(writeRecords(read)).equals(Buffer.from(bytes))).toBe(true);
    expect(read.filter((r) => r.type === 'interface').map((r) => r.id)).toEqual([0, 1, 2, 0]);
  });

  it('numbers frames 1.. over EPB, SPB, PB, custom and journal blocks, across sections, as tshark', () => {
    const packets = read.filter((r) => r.type === 'packet');
    expect(packets.map((p) => [p.frame, p.block, p.interfaceId, p.linkType])).toEqual([
      [1, 'epb', 0, 1],
      [2, 'spb', 0, 1],
      [3, 'pb', 1, 101],
      [4, 'epb', 2, 1],
      [8, 'epb', 0, 1],
      [9, 'spb', 0, 1],
    ]);
    const others = read.filter((r) => r.type === 'custom' || r.type === 'unknown');
    expect(others.map((r) => [r.type, r.blockType, r.frame])).toEqual([
      ['custom', 0xbad, 5],
      ['custom', 0x40000bad, 6],
      ['unknown', 0x101, undefined],
      ['unknown', 9, 7],
    ]);
  });

  it('converts timestamps by if_tsresol (10^-n and 2^-n) and if_tsoffset, and keeps the file units', () => {
    const packets = read.filter((r) => r.type === 'packet');
    expect(packets[0]?.timestamp).toBe(T);
    expect(packets[2]?.timestamp).toBe(1_700_000_001_250_000_000n);
    expect(packets[2]?.rawTimestamp).toBe(1_700_000_001_250n - 10_000n);
    // 2^-20 s units: one unit is 953.67 ns, read as 953.
    expect(packets[3]?.timestamp).toBe(1_700_000_002_000_000_953n);
    expect(packets[3]?.rawTimestamp).toBe((1_700_000_002n << 20n) + 1n);
    const stats = read.find((r) => r.type === 'statistics');
    expect(stats?.type === 'statistics' && stats.timestamp).toBe(1_700_000_003_000_000_000n);
  });

  it("cuts a Simple Packet Block's captured length to its interface's snaplen", () => {
    const last = read.at(-1);
    expect(last?.type === 'packet' && [last.capturedLength, last.originalLength, last.data.length]).toEqual([
      50, 100, 50,
    ]);
    expect(last?.type === 'packet' && last.timestamp).toBe(0n);
  });

  it('names the options it knows, in either byte order', () => {
    const first = read.find((r) => r.type === 'packet');
    expect(first?.options).toEqual(records[4]?.type === 'packet' ? records[4].options : undefined);
    const ifaces = read.filter((r) => r.type === 'interface');
    expect(ifaces.map((i) => [i.tsresol, i.tsoffset, i.snapLength])).toEqual([
      [9, 0n, 0],
      [3, 10n, 0],
      [0x80 | 20, 0n, 60],
      [6, 0n, 50],
    ]);
    expect(read.filter((r) => r.type === 'section').map((s) => s.byteOrder)).toEqual(['le', 'be']);
  });

  it.skipIf(tshark() === undefined)('lists the same packets as tshark, which warns of nothing', () => {
    const file = join(tmpdir(), `stride-pcap-blocks-${process.pid}.pcapng`);
    writeFileSync(file, bytes);
    const { lines, stderr } = tsharkFrames(file);
    expect(stderr).toBe('');
    const packets = read.filter((r) => r.type === 'packet');
    expect(lines.filter((l) => packets.some((p) => l.startsWith(`${p.frame}\t`)))).toEqual(
      packets.map((p) => frameLine(p, true)),
    );
    // Custom and journal blocks: frames of no encapsulation.
    expect(lines.filter((l) => l.split('\t')[4] === '').map((l) => l.split('\t')[0])).toEqual([
      '5',
      '6',
      '7',
    ]);
    expect(epoch(T)).toBe('1700000000.123456789');
  });
});
