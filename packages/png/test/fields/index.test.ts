import { EncodeError } from '@stride/codec';
import { describe, expect, it } from 'vitest';
import {
  decodeChunkFields,
  encodeChunkFields,
  isKnownChunkType,
  isStandardChunkType,
  standardChunkTypes,
} from '../../src/fields/index.js';
import { ctx } from './helpers.js';

describe('chunk type sets', () => {
  it('lists the 25 Third Edition types', () => {
    expect([...standardChunkTypes].sort()).toEqual(
      [
        'IHDR',
        'PLTE',
        'IDAT',
        'IEND',
        'tRNS',
        'cHRM',
        'gAMA',
        'iCCP',
        'sBIT',
        'sRGB',
        'cICP',
        'mDCV',
        'cLLI',
        'tEXt',
        'zTXt',
        'iTXt',
        'bKGD',
        'hIST',
        'pHYs',
        'sPLT',
        'eXIf',
        'tIME',
        'acTL',
        'fcTL',
        'fdAT',
      ].sort(),
    );
  });

  it('tells standard types from types with fields', () => {
    expect(isStandardChunkType('IDAT')).toBe(true);
    expect(isKnownChunkType('IDAT')).toBe(false);
    expect(isKnownChunkType('IEND')).toBe(false);
    expect(isKnownChunkType('tEXt')).toBe(true);
    for (const t of ['TEXT', 'text', 'sCAL', 'oFFs', 'vpAg', 'toString', '__proto__', ''])
      expect([isStandardChunkType(t), isKnownChunkType(t)]).toEqual([false, false]);
  });
});

describe('decodeChunkFields', () => {
  it('returns undefined for IDAT, IEND and non-standard types', () => {
    for (const t of ['IDAT', 'IEND', 'sCAL', 'prVt', 'constructor'])
      expect(decodeChunkFields(t, Uint8Array.of(1, 2, 3), 0, ctx())).toBeUndefined();
  });
});

describe('encodeChunkFields', () => {
  it('refuses types without fields and non-objects with EncodeErrors', () => {
    expect(() => encodeChunkFields('IDAT', {})).toThrow(EncodeError);
    expect(() => encodeChunkFields('sCAL', {})).toThrow(/not a standard chunk type/);
    expect(() => encodeChunkFields('gAMA', null)).toThrow(EncodeError);
    expect(() => encodeChunkFields('gAMA', 5)).toThrow(EncodeError);
    expect(() => encodeChunkFields('gAMA', {})).toThrow(EncodeError);
    expect(() => encodeChunkFields('gAMA', { gamma: 0x80000000 })).toThrow(
      expect.objectContaining({ path: 'gamma' }),
    );
    expect(() => encodeChunkFields('tRNS', { gray: 1 })).toThrow(expect.objectContaining({ path: 'kind' }));
  });
});
