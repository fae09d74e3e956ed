// bench/workloads/ksy-kaitai.ts: the two ways of running a .ksy that the ksy suite and the
// differential test (test/ksy/differential/) compare: Stride's `loadKsy`, and Kaitai's reference
// compiler (kaitai-struct-compiler 0.11, JavaScript target) with its runtime (kaitai-struct's
// KaitaiStream), the way a Kaitai user runs them. Also the gallery formats of test/ksy/gallery/
// (kaitai_struct_formats files, absolute imports such as `/network/ethernet_frame` resolved there).
//
// The compiler returns one UMD module per file (the main one and each import, by class name:
// `Pcap.js`, `EthernetFrame.js`...), which `require` each other (`./Ipv4Packet`, in cycles:
// ipv4_packet and protocol_body import each other) and `kaitai-struct/KaitaiStream`. They are
// loaded here as CommonJS modules in memory: `new Function('exports', 'require', source)`, each
// module's exports object registered before its code runs, so a cycle sees the other's exports
// object, filled by the time a parser runs.
//
// The compiler takes the .ksy as a YAML-parsed object: `yaml` (the YAML library @stride/ksy
// depends on) is loaded from that package, the root package having no dependency on it.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type KsyFormat, loadKsy } from '@stride/ksy';

const rootDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** The gallery: kaitai_struct_formats files, by their path there (test/ksy/gallery/README.md). */
const galleryDir = join(rootDir, 'test/ksy/gallery');

const require = createRequire(import.meta.url);
const yaml = createRequire(join(rootDir, 'packages/ksy/package.json'))('yaml') as {
  parse(text: string): unknown;
};

interface Importer {
  importYaml(name: string, mode: string): Promise<unknown>;
}
interface Compiler {
  compile(
    lang: 'javascript',
    ksy: unknown,
    importer: Importer | null,
    debug: boolean,
  ): Promise<Record<string, string>>;
}
const compiler = require('kaitai-struct-compiler') as Compiler;
/** Kaitai's runtime stream (what the suite and the test use of it; the modules use the rest). */
export interface KaitaiStreamType {
  pos: number;
  readonly size: number;
}
/** The runtime's stream class, which the modules `require` as `kaitai-struct/KaitaiStream`. */
const KaitaiStream = require('kaitai-struct/KaitaiStream') as new (data: DataView) => KaitaiStreamType;

/** A parser class the reference compiler made: `new Class(new KaitaiStream(...))` parses. */
export type KaitaiClass = new (io: KaitaiStreamType) => Record<string, unknown>;

/**
 * A gallery file's source, by its path without `.ksy`: absolute (`/network/pcap`, or `network/pcap`
 * for the main file), or relative to the folder `base` (`exif` from `image`), as `meta/imports` names them.
 */
export function gallerySource(name: string, base = ''): string {
  const path = name.startsWith('/') ? name.slice(1) : join(base, name);
  return readFileSync(join(galleryDir, `${path}.ksy`), 'utf8');
}

/** Stride: a .ksy loaded with `loadKsy`, its imports from the gallery (relative ones from `base`, the main file's folder). */
export function strideFormat(source: string, base = ''): KsyFormat {
  return loadKsy(source, { imports: (name) => gallerySource(name, base) });
}

/**
 * Kaitai: a .ksy compiled by the reference compiler, its imports from the gallery (relative ones
 * from `base`, the main file's folder), the top type's class.
 */
export async function kaitaiClass(source: string, base = ''): Promise<KaitaiClass> {
  const importer: Importer = {
    importYaml: async (name, mode) => yaml.parse(gallerySource(mode === 'abs' ? `/${name}` : name, base)),
  };
  const files = await compiler.compile('javascript', yaml.parse(source), importer, false);
  const modules = new Map<string, Record<string, unknown>>();
  const load = (file: string): Record<string, unknown> => {
    const known = modules.get(file);
    if (known) return known;
    const code = files[file];
    if (code === undefined) throw new Error(`the compiler made no ${file}`);
    const exports: Record<string, unknown> = {};
    modules.set(file, exports);
    const requireModule = (id: string): unknown =>
      id === 'kaitai-struct/KaitaiStream' ? KaitaiStream : load(`${id.replace(/^\.\//, '')}.js`);
    new Function('exports', 'require', code)(exports, requireModule);
    return exports;
  };
  for (const file of Object.keys(files)) load(file);
  // The main file's module: named after its top type, as Kaitai names classes (`ipv4_packet`: Ipv4Packet).
  const id = (yaml.parse(source) as { meta: { id: string } }).meta.id;
  const name = id.replace(/(^|_)([a-z0-9])/g, (_, _u: string, c: string) => c.toUpperCase());
  const cls = load(`${name}.js`)[name];
  if (typeof cls !== 'function') throw new Error(`${name}.js exports no class ${name}`);
  return cls as KaitaiClass;
}

/** A KaitaiStream over exactly `bytes` (a view: no copy). */
export function kaitaiStream(bytes: Uint8Array): KaitaiStreamType {
  return new KaitaiStream(new DataView(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength));
}
