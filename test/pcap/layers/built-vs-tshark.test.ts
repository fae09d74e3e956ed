// Hand-built packets of every link type (VLAN stacks, Linux cooked v1 and v2, BSD NULL in both
// orders, LOOP, raw IP; IPv4 options, IPv6 extension chains, TCP options, good and corrupted
// checksums) written to pcap files, dissected by tshark with make-fixtures.sh's fields, and
// compared with decodePacket field by field. Needs tshark (installed when missing, as root).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePacket, LinkType } from '@stride/pcap';
import { describe, expect, it } from 'vitest';
import { aptInstall, findProgram } from '../../support/apt.js';
import { concat, ethernet, ipv4, ipv6, tcp, text, udp, withChecksum } from './support/build.js';
import { readRows, tsharkRow } from './support/tshark-row.js';

aptInstall(['tshark'], 'command -v tshark');
const TSHARK = findProgram('tshark');

/** A pcap file (little-endian, microseconds) of `packets` with `linkType`. */
function pcapFile(linkType: number, packets: Uint8Array[]): Uint8Array {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(linkType, 20);
  const records = packets.map((p, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(i + 1, 0);
    r.writeUInt32LE(p.length, 8);
    r.writeUInt32LE(p.length, 12);
    return concat(r, p);
  });
  return concat(header, ...records);
}

const A = '192.0.2.1';
const B = '198.51.100.7';
const A6 = '2001:db8::1';
const B6 = 'fe80::a';
const seg = (payload: string, corrupt = false) =>
  withChecksum(
    tcp(
      { options: [2, 4, 5, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2], flags: 0x002 },
      text(payload),
    ),
    6,
    A,
    B,
    corrupt,
  );
const v4 = (segment: Uint8Array, options?: number[]) =>
  ipv4({ protocol: 6, src: A, dst: B, ...(options && { options }) }, segment);
const dgram = (corrupt = false) =>
  ipv4({ protocol: 17, src: A, dst: B }, withChecksum(udp(5353, 53, text('query')), 17, A, B, corrupt));
const v6 = (nextHeader: number, chain: Uint8Array) => ipv6({ nextHeader, src: A6, dst: B6 }, chain);
const tcp6 = withChecksum(tcp({ flags: 0x018 }, text('over six')), 6, A6, B6);
const udp6 = withChecksum(udp(1, 2, text('x')), 17, A6, B6);

const CAPTURES: Record<string, [number, Uint8Array[]]> = {
  ethernet: [
    LinkType.ETHERNET,
    [
      concat(ethernet(0x0800), v4(seg('hello'))),
      concat(ethernet(0x0800), v4(seg('hello', true)), [0, 0, 0, 0]),
      concat(
        ethernet(0x0800, [
          { tpid: 0x88a8, id: 10 },
          { tpid: 0x8100, id: 20 },
        ]),
        dgram(),
      ),
      concat(ethernet(0x0800, [{ tpid: 0x8100, id: 4000, priority: 3 }]), dgram(true)),
      concat(ethernet(0x0800), v4(seg('opts'), [1, 1, 7, 7, 4, 0, 0, 0, 0, 0, 0, 0])),
      concat(
        ethernet(0x86dd),
        v6(0, concat([43, 0, 1, 4, 0, 0, 0, 0], [60, 0, 0, 0, 0, 0, 0, 0], [6, 0, 1, 4, 0, 0, 0, 0], tcp6)),
      ),
      concat(ethernet(0x86dd), v6(17, udp6)),
      concat(ethernet(0x86dd), v6(44, concat([17, 0, 0, 0, 0, 0, 0, 9], udp6))),
    ],
  ],
  sll: [LinkType.LINUX_SLL, [concat([0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 7, 0, 0, 0x08, 0], dgram())]],
  sll2: [
    LinkType.LINUX_SLL2,
    [concat([0x86, 0xdd, 0, 0, 0, 0, 0, 1, 0, 1, 0, 6, 2, 0, 0, 0, 0, 7, 0, 0], v6(6, tcp6))],
  ],
  null: [
    LinkType.NULL,
    [concat([2, 0, 0, 0], v4(seg('le'))), concat([0, 0, 0, 2], dgram()), concat([30, 0, 0, 0], v6(17, udp6))],
  ],
  loop: [LinkType.LOOP, [concat([0, 0, 0, 2], dgram()), concat([0, 0, 0, 24], v6(6, tcp6))]],
  raw: [LinkType.RAW, [v4(seg('raw')), v6(17, udp6)]],
  ipv4: [LinkType.IPV4, [dgram()]],
  ipv6: [LinkType.IPV6, [v6(6, tcp6)]],
};

describe.skipIf(TSHARK === undefined)('hand-built packets against tshark', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stride-layers-'));
  for (const [name, [linkType, packets]] of Object.entries(CAPTURES))
    writeFileSync(join(dir, `${name}.pcap`), pcapFile(linkType, packets));
  execFileSync(join(import.meta.dirname, 'fixtures/make-fixtures.sh'), [dir, dir], { stdio: 'pipe' });
  const tables = Object.fromEntries(
    Object.keys(CAPTURES).map((name) => [
      name,
      readRows(readFileSync(join(dir, `${name}.pcap.tsv`), 'utf8')),
    ]),
  );
  rmSync(dir, { recursive: true, force: true });

  for (const [name, [linkType, packets]] of Object.entries(CAPTURES)) {
    it(`${name} (link type ${linkType}): ${packets.length} packets`, () => {
      const rows = tables[name] ?? [];
      expect(rows).toHaveLength(packets.length);
      packets.forEach((data, i) => {
        expect(
          tsharkRow(i + 1, decodePacket(linkType, data, { checksums: true })),
          `packet ${i + 1}`,
        ).toEqual(rows[i]);
      });
    });
  }
});
