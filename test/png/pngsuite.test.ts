import { DecodeError } from '@stride/codec';
import { validatePng } from '@stride/png';
import { describe, expect, it } from 'vitest';
import { expected, files, load, readPieces } from './corpus.js';

const valid = files.filter((f) => expected[f]?.expected === 'valid');
const invalid = files.filter((f) => expected[f]?.expected === 'invalid');

describe('PngSuite', () => {
  it('has the 175 files the suite promises: 161 valid, 14 to reject', () => {
    expect(files).toHaveLength(175);
    expect(valid).toHaveLength(161);
    expect(invalid).toHaveLength(14);
    expect(invalid.every((f) => f.startsWith('x'))).toBe(true);
  });

  it.each(valid)('%s reads with the expected chunk list, no error, and validates', async (name) => {
    const bytes = load(name);
    const { events, error } = readPieces([bytes]);
    expect(error).toBeUndefined();
    const chunks = events.flatMap((e) => (e.kind === 'chunk' ? [[e.type, e.offset, e.length, e.crcOk]] : []));
    expect(chunks).toEqual(expected[name]?.chunks);
    // Every standard chunk but IDAT and IEND has its fields decoded, and no warning was needed.
    for (const e of events)
      if (e.kind === 'chunk' && e.type !== 'IDAT' && e.type !== 'IEND') expect(e.fields).toBeDefined();
    expect(events.filter((e) => e.kind === 'warning')).toEqual([]);
    const report = await validatePng(bytes);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it.each(invalid)('%s is rejected with the code the suite expects', async (name) => {
    const bytes = load(name);
    const want = expected[name]?.reader_problems.map((p) => p.toUpperCase());
    const { events, error } = readPieces([bytes]);
    expect(error).toBeInstanceOf(DecodeError);
    expect(want).toContain(error?.code);
    // Whatever came before the fault was delivered: the chunks the independent reader lists before it.
    const chunks = events.flatMap((e) => (e.kind === 'chunk' ? [e.offset] : []));
    for (const offset of chunks) expect(offset).toBeLessThan(error?.offset ?? 0);
    const report = await validatePng(bytes);
    expect(report.valid).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual([error?.code]);
  });
});
