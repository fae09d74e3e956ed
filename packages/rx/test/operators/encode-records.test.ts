// The encodeRecords operator: one buffer per value, which decodeRecords reads back; bad values are EncodeErrors.
import { EncodeError } from '@stride/codec';
import { decodeRecords, encodeRecords } from '@stride/rx';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { Message, plain, sample, wire } from '../helpers.js';

describe('encodeRecords', () => {
  it('encodes each value into its own bytes, which decodeRecords reads back', async () => {
    const chunks = await lastValueFrom(from(sample).pipe(encodeRecords(Message), toArray()));
    expect(chunks).toHaveLength(sample.length);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(wire(sample)));
    const back = await lastValueFrom(
      from(sample).pipe(encodeRecords(Message), decodeRecords(Message), toArray()),
    );
    expect(plain(back)).toEqual(plain(sample));
  });

  it('sends an EncodeError with the field path for a value that does not fit', async () => {
    const bad = { kind: 300, body: new Uint8Array(0) };
    const done = lastValueFrom(from([sample[0] as typeof bad, bad]).pipe(encodeRecords(Message), toArray()));
    await expect(done).rejects.toBeInstanceOf(EncodeError);
    await expect(done).rejects.toMatchObject({ path: 'kind' });
  });
});
