// A bad offset to a BufferChain read is a TypeError naming the method's problem, never an
// engine-internal TypeError ("Cannot mix BigInt").
import { describe, expect, it } from 'vitest';
import { BufferChain } from '../../src/chain/index.js';
import { READS } from './chains.js';

describe('BufferChain offsets', () => {
  const chain = new BufferChain();
  chain.append(new Uint8Array(16));

  it('a bigint offset is a TypeError that says offsets are numbers', () => {
    for (const read of READS) {
      expect(() => chain[read](1n as never)).toThrow(TypeError);
      expect(() => chain[read](1n as never)).toThrow(
        /^BufferChain\.read: 1 is not an offset \(offsets must be numbers, not bigint\)$/,
      );
    }
    expect(() => chain.u32le('1' as never)).toThrow('(offsets must be numbers, not string)');
    expect(() => chain.subarray(1n as never, 2)).toThrow(TypeError);
  });
});
