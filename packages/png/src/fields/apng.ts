/**
 * APNG chunks: acTL (animation control), fcTL (frame control) and fdAT (frame data, a view of the
 * chunk's data). Sequence numbers and frame placement are checked across chunks by the reader's rules.
 */
import { bytes, type Codec, type Infer, struct, u8, u16be } from '@stride/codec';
import { checked, oneOf, sizeFault, u31 } from './check.js';
import { type ChunkSpec, decodeWith, encodeWith, fixedChunk, raise } from './common.js';

function positive(what: string): Codec<number> {
  return checked(u31, (v) =>
    v === 0
      ? {
          at: 0,
          n: 4,
          message: `${what} 0 is not allowed: it must be at least 1`,
          expected: '1..2147483647',
          actual: '0',
        }
      : undefined,
  );
}

export const ActlSchema = struct({ numFrames: positive('num_frames'), numPlays: u31 });
export type Actl = Infer<typeof ActlSchema>;
export const actl: ChunkSpec<Actl> = fixedChunk('acTL', 8, ActlSchema);

export const FctlSchema = struct({
  sequenceNumber: u31,
  width: positive('frame width'),
  height: positive('frame height'),
  xOffset: u31,
  yOffset: u31,
  delayNum: u16be,
  delayDen: u16be,
  disposeOp: oneOf(u8, [0, 1, 2], 'dispose_op'),
  blendOp: oneOf(u8, [0, 1], 'blend_op'),
});
export type Fctl = Infer<typeof FctlSchema>;
export const fctl: ChunkSpec<Fctl> = fixedChunk('fcTL', 26, FctlSchema);

export const FdatSchema = struct({ sequenceNumber: u31, frameData: bytes('toEnd') });
export type Fdat = Infer<typeof FdatSchema>;
export const fdat: ChunkSpec<Fdat> = {
  decode(data, base) {
    if (data.length < 4)
      raise(
        sizeFault('fdAT', data.length, 'at least 4 bytes (a sequence number, then frame data)'),
        data,
        base,
      );
    return decodeWith(FdatSchema, data, base);
  },
  encode: (fields) => encodeWith(FdatSchema, fields),
};
