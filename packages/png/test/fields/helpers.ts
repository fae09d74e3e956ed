/** Test helpers: chunks of PngSuite files, walked by hand, and contexts for decodeChunkFields. */
import { DecodeError } from '@stride/codec';
import { load, walkChunks } from '../../../../test/png/corpus.js';
import { decodeChunkFields, type FieldContext, type Ihdr } from '../../src/fields/index.js';
import { defaultPngLimits, type PngLimits } from '../../src/limits.js';

export interface RawChunk {
  type: string;
  /** A view of the file's bytes. */
  data: Uint8Array;
  /** Absolute offset of data[0] in the file. */
  base: number;
}

export function suiteFile(name: string): Uint8Array {
  return load(name);
}

/** The chunks of a PNG file (test/png/corpus.ts's walker), each with its data's offset. */
export function chunksOf(file: Uint8Array): RawChunk[] {
  return walkChunks(file).map(({ type, data, offset }) => ({ type, data, base: offset + 8 }));
}

export function ctx(
  ihdr?: Partial<Ihdr>,
  paletteEntries?: number,
  limits?: Partial<PngLimits>,
): FieldContext {
  return {
    ihdr:
      ihdr === undefined
        ? undefined
        : {
            width: 1,
            height: 1,
            bitDepth: 8,
            colorType: 2,
            compressionMethod: 0,
            filterMethod: 0,
            interlaceMethod: 0,
            ...ihdr,
          },
    paletteEntries,
    limits: { ...defaultPngLimits, ...limits },
  };
}

/** Decodes every chunk of a suite file in order, building the context as a reader would. */
export function decodeFile(name: string): { type: string; base: number; fields: unknown }[] {
  const c = ctx();
  return chunksOf(suiteFile(name)).map((ch) => {
    const fields = decodeChunkFields(ch.type, ch.data, ch.base, c);
    if (ch.type === 'IHDR') c.ihdr = fields as Ihdr;
    if (ch.type === 'PLTE') c.paletteEntries = ch.data.length / 3;
    return { type: ch.type, base: ch.base, fields };
  });
}

/** The fields of the first chunk of `type` in a suite file. */
export function fieldsOf(name: string, type: string): unknown {
  const hit = decodeFile(name).find((c) => c.type === type);
  if (hit === undefined) throw new Error(`${name} has no ${type}`);
  return hit.fields;
}

/** Runs `fn`, expecting a DecodeError; returns it. */
export function decodeError(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DecodeError) return e;
    throw e;
  }
  throw new Error('expected a DecodeError, none was thrown');
}
