import { describe, expect, it } from 'vitest';
import { decodeChunkFields, encodeChunkFields, type PngChunkFields } from '../../src/fields/index.js';
import { ctx, decodeError } from './helpers.js';

const BASE = 600;

function fctlBytes(f: Partial<PngChunkFields['fcTL']> = {}): Uint8Array {
  const v = {
    sequenceNumber: 0,
    width: 10,
    height: 20,
    xOffset: 1,
    yOffset: 2,
    delayNum: 1,
    delayDen: 30,
    disposeOp: 1,
    blendOp: 1,
    ...f,
  };
  const b = new Uint8Array(26);
  const dv = new DataView(b.buffer);
  [v.sequenceNumber, v.width, v.height, v.xOffset, v.yOffset].forEach((x, i) => {
    dv.setUint32(i * 4, x);
  });
  dv.setUint16(20, v.delayNum);
  dv.setUint16(22, v.delayDen);
  b[24] = v.disposeOp;
  b[25] = v.blendOp;
  return b;
}

describe('acTL', () => {
  it('decodes and encodes', () => {
    const data = Uint8Array.of(0, 0, 0, 3, 0, 0, 0, 0);
    expect(decodeChunkFields('acTL', data, 0, ctx())).toEqual({ numFrames: 3, numPlays: 0 });
    expect(encodeChunkFields('acTL', { numFrames: 3, numPlays: 0 })).toEqual(data);
  });
  it('refuses 0 frames, values past 2^31-1 and a wrong size', () => {
    expect(decodeError(() => decodeChunkFields('acTL', new Uint8Array(8), BASE, ctx()))).toMatchObject({
      offset: BASE,
      path: 'numFrames',
    });
    expect(
      decodeError(() => decodeChunkFields('acTL', Uint8Array.of(0, 0, 0, 1, 0xff, 0, 0, 0), BASE, ctx())),
    ).toMatchObject({
      offset: BASE + 4,
      path: 'numPlays',
    });
    expect(decodeError(() => decodeChunkFields('acTL', new Uint8Array(9), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('fcTL', () => {
  it('decodes every field', () => {
    expect(decodeChunkFields('fcTL', fctlBytes({ sequenceNumber: 5 }), 0, ctx())).toEqual({
      sequenceNumber: 5,
      width: 10,
      height: 20,
      xOffset: 1,
      yOffset: 2,
      delayNum: 1,
      delayDen: 30,
      disposeOp: 1,
      blendOp: 1,
    });
  });
  it.each([
    [{ sequenceNumber: 0x80000000 }, 0, 'sequenceNumber'],
    [{ width: 0 }, 4, 'width'],
    [{ height: 0 }, 8, 'height'],
    [{ xOffset: 0x80000000 }, 12, 'xOffset'],
    [{ yOffset: 0xffffffff }, 16, 'yOffset'],
    [{ disposeOp: 3 }, 24, 'disposeOp'],
    [{ blendOp: 2 }, 25, 'blendOp'],
  ])('refuses %o', (f, at, path) => {
    expect(decodeError(() => decodeChunkFields('fcTL', fctlBytes(f), BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE + at,
      path,
    });
  });
  it('refuses a wrong size', () => {
    expect(decodeError(() => decodeChunkFields('fcTL', new Uint8Array(25), BASE, ctx()))).toMatchObject({
      offset: BASE - 8,
    });
  });
});

describe('fdAT', () => {
  it('gives the frame data as a view of the chunk data', () => {
    const data = Uint8Array.of(0, 0, 0, 7, 1, 2, 3);
    const f = decodeChunkFields('fdAT', data, 0, ctx()) as PngChunkFields['fdAT'];
    expect(f.sequenceNumber).toBe(7);
    expect(f.frameData).toEqual(Uint8Array.of(1, 2, 3));
    expect(f.frameData.buffer).toBe(data.buffer);
    expect(f.frameData.byteOffset).toBe(4);
    expect(encodeChunkFields('fdAT', f)).toEqual(data);
  });
  it('refuses fewer than 4 bytes at the chunk start', () => {
    expect(decodeError(() => decodeChunkFields('fdAT', new Uint8Array(3), BASE, ctx()))).toMatchObject({
      code: 'BAD_CHUNK_DATA',
      offset: BASE - 8,
    });
  });
});
