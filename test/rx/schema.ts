// The wire format both ends of the socket tests speak, defined once and imported by each side (as
// two services would share a schema package).
import { bytes, type Infer, magic, refine, struct, u8, u32be } from '@stride/codec';

export type Kind = 1 | 2 | 3;

export const Message = struct({
  magic: magic('SX'),
  seq: u32be,
  kind: refine(u8, (k): k is Kind => k === 1 || k === 2 || k === 3, 'a message kind (1, 2 or 3)'),
  payload: bytes(u32be),
});
export type Message = Infer<typeof Message>;

/** Bytes before `kind` and before the payload. */
export const KIND_AT = 2 + 4;
export const HEADER_BYTES = 2 + 4 + 1 + 4;
