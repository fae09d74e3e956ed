/**
 * The POSIX ustar archive format (IEEE Std 1003.1-1988, as GNU tar and bsdtar write it with
 * `--format=ustar`): 512-byte headers of NUL-padded text and octal numbers, each followed by the
 * file's data padded to a multiple of 512 bytes, and two zero blocks at the end.
 */
import {
  align,
  bytes,
  Decoder,
  encode,
  type Infer,
  magic,
  padding,
  peek,
  refine,
  string,
  struct,
  transform,
} from '@stride/codec';

/** A text field: NUL-padded to its width. */
const text = (width: number) => string(width, { encoding: 'utf8', pad: 0 });

/** A number field: octal digits, ended by NUL or space (GNU tar ends the checksum with both). */
const octal = (width: number) =>
  transform(
    refine(
      string(width, { encoding: 'ascii' }),
      (s) => /^ *[0-7]*[ \0]*$/.test(s),
      `${width} bytes of octal digits`,
    ),
    {
      decode: (s) => Number.parseInt(s.replace(/[ \0]/g, '') || '0', 8),
      encode: (n: number) => `${n.toString(8).padStart(width - 1, '0')}\0`,
    },
  );

const CHECKSUM_AT = 148;

/** The header checksum: the sum of its 512 bytes, the checksum field itself counted as spaces. */
export function headerChecksum(block: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= CHECKSUM_AT && i < CHECKSUM_AT + 8 ? 0x20 : (block[i] as number);
  return sum;
}

const Fields = struct({
  // Looks at the whole block before the fields are read, to check the checksum (writes nothing).
  computedChecksum: peek(
    transform(bytes(512), { decode: headerChecksum, encode: () => new Uint8Array(512) }),
  ),
  name: text(100),
  mode: octal(8),
  uid: octal(8),
  gid: octal(8),
  size: octal(12),
  mtime: octal(12),
  checksum: octal(8),
  typeflag: string(1, { encoding: 'ascii', pad: 0 }),
  linkname: text(100),
  magic: magic('ustar\0'),
  version: string(2, { encoding: 'ascii' }),
  uname: text(32),
  gname: text(32),
  devmajor: octal(8),
  devminor: octal(8),
  prefix: text(155),
  unused: padding(12),
});

export const UstarHeader = refine(
  Fields,
  (h) => h.computedChecksum === h.checksum,
  'a header whose checksum field equals the sum of its bytes',
);
export type UstarHeader = Infer<typeof UstarHeader>;

/** One archive member: its header, then `size` bytes of data, padded to the next 512-byte block. */
export const TarEntry = struct({ header: UstarHeader })
  .field('data', (s) => bytes(s.header.size))
  .field('pad', align(512));
export type TarEntry = Infer<typeof TarEntry>;

/** The members of an archive, up to the end-of-archive zero block. */
export function readTar(archive: Uint8Array): TarEntry[] {
  const d = new Decoder(TarEntry, archive);
  const out: TarEntry[] = [];
  while (!d.done && archive[d.offset] !== 0) out.push(d.read());
  return out;
}

/** What a caller gives to write a member; the rest of the header is filled in. */
export interface NewEntry {
  name: string;
  data?: Uint8Array;
  typeflag?: '0' | '2' | '5';
  linkname?: string;
  mode?: number;
  mtime?: number;
}

/** An archive of `entries`, readable by tar. */
export function writeTar(entries: readonly NewEntry[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const e of entries) {
    const data = e.data ?? new Uint8Array(0);
    const header: UstarHeader = {
      computedChecksum: 0,
      name: e.name,
      mode: e.mode ?? 0o644,
      uid: 0,
      gid: 0,
      size: data.length,
      mtime: e.mtime ?? 0,
      checksum: 0,
      typeflag: e.typeflag ?? '0',
      linkname: e.linkname ?? '',
      version: '00',
      uname: 'root',
      gname: 'root',
      devmajor: 0,
      devminor: 0,
      prefix: '',
    };
    // The checksum covers the header itself: encode once to compute it, then for real.
    const sum = headerChecksum(encode(Fields, header));
    blocks.push(encode(TarEntry, { header: { ...header, checksum: sum, computedChecksum: sum }, data }));
  }
  blocks.push(new Uint8Array(1024));
  return Buffer.concat(blocks);
}
