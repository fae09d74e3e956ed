// The differential test: gallery formats (test/ksy/gallery/, from kaitai_struct_formats) compiled by
// Kaitai's reference compiler and run on its runtime, and loaded by Stride's loadKsy, both parsing
// the same real files; the objects are compared field by field (./compare.ts). Files: ones a bare
// Debian with Node has (/bin/ls, /usr/share/doc/*/changelog*.gz) or the repository has (PNGs,
// pcaps), a GIF under /usr/share when a package put one there, and a ZIP and a BMP written here. A
// file that is absent is skipped, with the reason in the test's name. Differences that come from
// Stride are listed per case (`known`), each with its minimal .ksy in ./repro/ (also run here: the
// ones fixed since stay as regression cases): the test fails on any other difference, and when a
// known one no longer occurs. Each real file is also encoded back from Stride's object: byte for byte.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  gallerySource,
  kaitaiClass,
  kaitaiStream,
  strideFormat,
} from '../../../bench/workloads/ksy-kaitai.js';
import { compare } from './compare.js';

const repo = join(import.meta.dirname, '../../..');

/** A ZIP of `entries` (deflated, or stored when `stored`), as `zip` writes one: local headers, central directory, end record. */
function makeZip(entries: { name: string; data: Uint8Array; stored?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const body = e.stored ? Buffer.from(e.data) : deflateRawSync(e.data);
    const fields = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at); // version needed
      h.writeUInt16LE(0, at + 2); // flags
      h.writeUInt16LE(e.stored ? 0 : 8, at + 4);
      h.writeUInt16LE(0x6000, at + 6); // 12:00:00
      h.writeUInt16LE(0x5b21, at + 8); // 2025-09-01
      h.writeUInt32LE(crc32(e.data), at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(e.data.length, at + 18);
      h.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x031e, 4); // made by: Unix, 3.0
    fields(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A 24-bit BMP (BITMAPINFOHEADER, bottom-up rows padded to 4 bytes) of `width` x `height` gradient pixels. */
function makeBmp(width: number, height: number): Buffer {
  const row = (width * 3 + 3) & ~3;
  const b = Buffer.alloc(54 + row * height);
  b.write('BM', 0, 'latin1');
  b.writeUInt32LE(b.length, 2);
  b.writeUInt32LE(54, 10);
  b.writeUInt32LE(40, 14);
  b.writeInt32LE(width, 18);
  b.writeInt32LE(height, 22);
  b.writeUInt16LE(1, 26);
  b.writeUInt16LE(24, 28);
  b.writeUInt32LE(row * height, 34);
  b.writeInt32LE(2835, 38);
  b.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) b.set([x * 20, y * 40, (x + y) * 10], 54 + y * row + x * 3);
  return b;
}

/** The first file (sorted) under `dir` whose name matches, or undefined. */
function firstIn(dir: string, match: RegExp, depth = 2): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    if (entry.isFile() && match.test(entry.name)) return path;
    if (entry.isDirectory() && depth > 0) {
      const found = firstIn(path, match, depth - 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A difference known to come from Stride, with the minimal .ksy in ./repro/ that shows it. */
interface Known {
  pattern: RegExp;
  repro: string;
}

interface Case {
  /** A gallery file (`image/png`), or a .ksy of ./repro/ (`repro/…`). */
  format: string;
  what: string;
  /** The bytes, or why there are none here. */
  bytes: () => Uint8Array | string;
  known?: Known[];
}

const file = (path: string | undefined, absent: string) => () =>
  path !== undefined && existsSync(path) ? readFileSync(path) : absent;

const pngSuite = join(repo, 'test/png/corpus/pngsuite');
const pcaps = join(repo, 'test/pcap/fixtures');
const changelog = firstIn('/usr/share/doc', /^changelog(\.Debian)?\.gz$/);
const gif = firstIn('/usr/share', /\.gif$/, 4);
const text = Buffer.from('Stride and Kaitai read the same bytes.\n'.repeat(200));

const cases: Case[] = [
  {
    format: 'image/png',
    what: 'examples/png/sample.png (iTXt)',
    bytes: file(join(repo, 'examples/png/sample.png'), 'absent'),
  },
  ...['basn0g01', 'basn2c16', 'basn3p08', 'basn6a08', 'ch1n3p04', 'ctzn0g04', 'cs8n2c08', 'cten0g04'].map(
    (n) => ({
      format: 'image/png',
      what: `PngSuite ${n}.png`,
      bytes: file(join(pngSuite, `${n}.png`), 'not in test/png/corpus/pngsuite'),
    }),
  ),
  ...['dns.pcap', 'postgres-v3.pcap', 'postgres-v3-nsec.pcap', 'websocket.pcap'].map((n) => ({
    format: 'network/pcap',
    what: `test/pcap/fixtures/${n}`,
    bytes: file(join(pcaps, n), 'not in test/pcap/fixtures'),
  })),
  {
    format: 'executable/elf',
    what: '/bin/ls',
    bytes: file('/bin/ls', 'no /bin/ls'),
  },
  {
    format: 'archive/gzip',
    what: changelog ?? 'a Debian changelog.gz',
    bytes: file(changelog, 'no /usr/share/doc/*/changelog*.gz'),
  },
  {
    format: 'archive/zip',
    what: 'a ZIP written with node:zlib (a deflated and a stored entry)',
    bytes: () =>
      makeZip([
        { name: 'deflated.txt', data: text },
        {
          name: 'dir/stored.bin',
          data: Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 255),
          stored: true,
        },
      ]),
  },
  {
    format: 'image/gif',
    what: gif ?? 'a GIF under /usr/share',
    bytes: file(gif, 'no .gif under /usr/share'),
  },
  {
    format: 'image/bmp',
    what: 'a 5 x 3 24-bit BMP written here',
    bytes: () => makeBmp(5, 3),
  },
  {
    format: 'repro/param-not-readable',
    what: '07 07',
    bytes: () => Buffer.from('0707', 'hex'),
  },
  {
    format: 'repro/u8-arg-to-u4-param',
    what: '8 zero bytes',
    bytes: () => new Uint8Array(8),
  },
  {
    format: 'repro/switch-u8-enum',
    what: '02, then 1 as a u8',
    bytes: () => Buffer.from('020100000000000000', 'hex'),
  },
  {
    format: 'repro/valid-names-itself',
    what: '07',
    bytes: () => Uint8Array.of(7),
  },
];

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** The top object each side makes of `bytes`, or what it throws. */
function parse(make: () => unknown): Parsed {
  try {
    return { ok: true, value: make() };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error),
    };
  }
}

describe('gallery formats: Stride against Kaitai’s reference compiler', () => {
  for (const c of cases) {
    const bytes = c.bytes();
    const name = `${c.format} on ${c.what}`;
    if (typeof bytes === 'string') {
      it.skip(`${name} (skipped: ${bytes})`, () => {});
      continue;
    }
    it(name, async () => {
      const repro = c.format.startsWith('repro/');
      const source = repro
        ? readFileSync(join(import.meta.dirname, `${c.format}.ksy`), 'utf8')
        : gallerySource(c.format);
      const base = repro ? '' : dirname(c.format);
      const Kaitai = await kaitaiClass(source, base);
      const kaitai = parse(() => new Kaitai(kaitaiStream(bytes)));
      const stride = parse(() => strideFormat(source, base).decode(bytes));
      let differences: string[];
      let leaves = 0;
      if (kaitai.ok && stride.ok) ({ differences, leaves } = compare(kaitai.value, stride.value, 10_000));
      else if (!kaitai.ok && !stride.ok) differences = [];
      else
        differences = [
          stride.ok ? `/: kaitai throws ${!kaitai.ok && kaitai.error}` : `/: stride throws ${stride.error}`,
        ];
      const known = c.known ?? [];
      // Only the known differences (each minimal case in ./repro/) may remain; each must still occur.
      expect(differences.filter((d) => !known.some((k) => k.pattern.test(d))).slice(0, 20)).toEqual([]);
      for (const k of known)
        expect(
          differences.some((d) => k.pattern.test(d)),
          `${k.repro} no longer differs`,
        ).toBe(true);
      // A real file compares many values (a minimal case may have one).
      if (known.length === 0 && !repro) expect(leaves).toBeGreaterThan(1);
      // And Stride writes what it read back, byte for byte (positional instances included).
      if (stride.ok && !repro) {
        const format = strideFormat(source, base);
        expect(Buffer.from(format.encode(format.decode(bytes))).equals(bytes)).toBe(true);
      }
    });
  }
});
