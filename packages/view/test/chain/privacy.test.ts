// What is private stays private at run time: a BufferChain's chunk arrays, its head and its chunk
// search, a cursor's state and its window size are neither properties a user can read or write
// nor exports of the package entry (TypeScript's `private` and `@internal` hid them only from types).
import * as view from '@stride/view';
import { BufferChain, ChainCursor } from '@stride/view';
import { describe, expect, it } from 'vitest';
import { SegmentedStore } from '../../src/chain/segmented-store.js';
import { READS } from './chains.js';

const PLUMBING = [
  'chunks',
  'views',
  'bounds',
  'head',
  'hit',
  'buckets',
  'locate',
  'copyFrom',
  'copyOut',
  'outOfRange',
  'window',
  'scratch',
];

function chain(): BufferChain {
  const c = new BufferChain();
  c.append(new Uint8Array([1, 2, 3]));
  c.append(new Uint8Array([4, 5, 6]));
  c.consume(4);
  return c;
}

describe('BufferChain', () => {
  it('has no reachable internals', () => {
    const c = chain();
    for (const name of PLUMBING) expect([name, name in c]).toEqual([name, false]);
    expect(Reflect.ownKeys(c)).toEqual([]);
  });

  it('has only its API on the prototype', () => {
    expect(Object.getOwnPropertyNames(BufferChain.prototype).sort()).toEqual(
      [
        'constructor',
        'length',
        'start',
        'end',
        'chunkCount',
        'append',
        'appendCopy',
        'skip',
        'consume',
        ...READS,
        'cursor',
        'subarray',
        'isContiguous',
        'segments',
        'view',
        'indexOf',
        'need',
        'crc32',
        'toBytes',
      ].sort(),
    );
  });

  it('a head written from outside changes nothing', () => {
    const c = chain();
    (c as unknown as { head: number }).head = 0;
    expect(c.toBytes()).toEqual(new Uint8Array([5, 6]));
    expect(c.chunkCount).toBe(1);
  });
});

describe('ChainCursor', () => {
  it('has no writable window size and no reachable state', () => {
    expect('maxWindow' in ChainCursor).toBe(false);
    expect(Object.getOwnPropertyNames(ChainCursor).sort()).toEqual(['length', 'name', 'prototype']);
    const cur = chain().cursor();
    // `at` and `limit` are the window protocol (see `window`); nothing else is a property.
    expect(Object.keys(cur)).toEqual(['at', 'limit']);
    for (const name of ['chain', 'dv', 'st', 'base', 'idx', 'take', 'park', 'enter'])
      expect([name, name in cur]).toEqual([name, false]);
  });
});

describe('SegmentedStore', () => {
  it('shows only the ByteStore members', () => {
    const store = new SegmentedStore([new Uint8Array([1, 2]), new Uint8Array([3])]);
    expect(Object.keys(store).sort()).toEqual(['at', 'byteLength']);
    for (const name of ['segs', 'dvs', 'bounds', 'find', 'transfer'])
      expect([name, name in store]).toEqual([name, false]);
  });
});

describe('the package entry', () => {
  it('exports no channel to the internals', () => {
    for (const name of ['internalsOf', 'newCursor', 'setMaxWindow', 'indexOfBytes', 'nearHint', 'spanIn'])
      expect([name, name in view]).toEqual([name, false]);
  });
});
