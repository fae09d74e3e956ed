/**
 * APNG chunks: acTL (animation control), fcTL (frame control) and fdAT (frame data, a view of the
 * chunk's data). Sequence numbers and frame placement are checked across chunks by the reader's rules.
 */
import { bytes, type Codec, defineCodec, type Infer, struct, u8, u16be } from '@stride/codec';
import { checked, oneOf, sizeFault, u31 } from './check.js';
import { chunkData, raise } from './common.js';

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

export const FdatSchema = struct({ sequenceNumber: u31, frameData: bytes('toEnd') });
export type Fdat = Infer<typeof FdatSchema>;
/** fdAT's fields: a sequence number, then the frame data (a size fault at the chunk's start when shorter). */
export const fdat: Codec<Fdat> = defineCodec<Fdat>({
  name: 'fdAT',
  read(st) {
    if (st.remaining < 4)
      raise(
        sizeFault('fdAT', st.remaining, 'at least 4 bytes (a sequence number, then frame data)'),
        chunkData(st),
        st.pos,
      );
    return FdatSchema.read(st);
  },
  write: (w, f) => FdatSchema.write(w, f),
});
