/**
 * Text chunks: tEXt (Latin-1), zTXt (zlib-compressed Latin-1) and iTXt (UTF-8, compressed or not,
 * with a language tag and a translated keyword). Compressed text is inflated up to the context's
 * `maxInflatedBytes`; encoding compresses it again with zlib. Each schema is the chunk's codec.
 */
import { EncodeError, type Infer, string, struct, transform, u8 } from '@stride/codec';
import { oneOf } from './check.js';
import { zlibText } from './inflate.js';
import { keyword } from './keyword.js';

const latin1ToEnd = string('toEnd', { encoding: 'latin1' });

export const TextSchema = struct({ keyword: keyword(), text: latin1ToEnd });
export type Text = Infer<typeof TextSchema>;

const compressionMethod = oneOf(u8, [0], 'compression method');

export const ZtxtSchema = struct({ keyword: keyword(), compressionMethod, text: zlibText('latin1') });
export type Ztxt = Infer<typeof ZtxtSchema>;

const compressionFlag = transform(oneOf(u8, [0, 1], 'compression flag'), {
  decode: (v) => v === 1,
  encode: (b: boolean) => {
    if (typeof b !== 'boolean')
      throw new EncodeError('OUT_OF_RANGE', `compressed must be a boolean, got ${typeof b}`);
    return b ? 1 : 0;
  },
});
const latin1Cstring = string('cstring', { encoding: 'latin1' });
const utf8Cstring = string('cstring', { encoding: 'utf8' });
const utf8ToEnd = string('toEnd', { encoding: 'utf8' });
const compressedText = zlibText('utf8');

export const ItxtSchema = struct({ keyword: keyword(), compressed: compressionFlag })
  .field('compressionMethod', (s) => (s.compressed ? compressionMethod : u8))
  .field('languageTag', () => latin1Cstring)
  .field('translatedKeyword', () => utf8Cstring)
  .field('text', (s) => (s.compressed ? compressedText : utf8ToEnd));
export type Itxt = Infer<typeof ItxtSchema>;
