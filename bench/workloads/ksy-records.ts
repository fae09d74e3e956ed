// bench/workloads/ksy-records.ts: the ksy suite's fixed-struct-ksy input: workload A's 1,000,000
// records (./records.ts: the same 44 MB, the same expected tally) described by
// bench/fixtures/ksy/fixed_struct_records.ksy, and the sink of the Kaitai contestant.
//
// Stride's objects go to records.ts's sink as they are (the .ksy reads `ts` as a bigint, `pair` as
// an array of two u4). Kaitai's JavaScript runtime reads a u8 as a double (readU8le:
// 2^32 * high + low, one rounding: Number(ts)), so its sink is this one: the same order-sensitive
// hash over the other fields (so the same expected value), `ts` summed as doubles in record order
// and compared with the sum of Number(ts) over the generated records, and the first 1000 records
// copied field by field (not structuredClone: Kaitai's objects hold their stream and parent).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from '../harness.js';
import { FIRST, generate, input, type Rec } from './records.js';

/** The .ksy, its top type `seq: [{id: records, type: record, repeat: eos}]`. */
export const recordsKsy = (): string =>
  readFileSync(join(benchDir, 'fixtures/ksy/fixed_struct_records.ksy'), 'utf8');

/** A record as Kaitai's parser makes it: `ts` a double. */
export interface KaitaiRec extends Omit<Rec, 'ts'> {
  ts: number;
}

export interface KaitaiTally {
  count: number;
  hash: number;
  tsSum: number;
  first: KaitaiRec[];
}

export class KaitaiSink {
  count = 0;
  hash = 0;
  tsSum = 0;
  last: KaitaiRec | null = null;
  keep = 0;
  kept: KaitaiRec[] = [];

  add(r: KaitaiRec): void {
    let h = this.hash;
    h = (Math.imul(h, 31) + (r.tag | 0)) | 0;
    h = (Math.imul(h, 31) + (r.flags | 0)) | 0;
    h = (Math.imul(h, 31) + (r.len | 0)) | 0;
    h = (Math.imul(h, 31) + (r.id | 0)) | 0;
    h = (Math.imul(h, 31) + (r.delta | 0)) | 0;
    h = (Math.imul(h, 31) + ((r.x * 256) | 0)) | 0;
    h = (Math.imul(h, 31) + ((r.y * 65536) | 0)) | 0;
    const pair = r.pair;
    h = (Math.imul(h, 31) + ((pair[0] as number) | 0)) | 0;
    h = (Math.imul(h, 31) + ((pair[1] as number) | 0)) | 0;
    h = (Math.imul(h, 31) + (r.crc | 0)) | 0;
    this.hash = h;
    this.tsSum += r.ts;
    this.last = r;
    this.count++;
    if (this.keep !== 0) {
      this.keep--;
      const { tag, flags, len, id, delta, x, y, ts, crc } = r;
      this.kept.push({ tag, flags, len, id, delta, x, y, ts, pair: [...pair], crc });
    }
  }

  keepFirst(n: number): void {
    this.keep = n;
    this.kept = [];
  }

  take(): KaitaiTally {
    const t = { count: this.count, hash: this.hash, tsSum: this.tsSum, first: this.kept };
    this.count = this.hash = this.tsSum = this.keep = 0;
    this.last = null;
    this.kept = [];
    return t;
  }
}

let tsDoubleSum: number | undefined;

/** Throws unless Kaitai's tally is the generated records' (its `ts` as Number(ts)). */
export function checkKaitaiTally(got: KaitaiTally): void {
  const want = input().expected;
  if (tsDoubleSum === undefined) {
    let sum = 0;
    generate((rec) => {
      sum += Number(rec.ts);
    });
    tsDoubleSum = sum;
  }
  if (got.count !== want.count) throw new Error(`${got.count} records, expected ${want.count}`);
  if (got.first.length !== FIRST)
    throw new Error(`the sink kept ${got.first.length} records, expected ${FIRST}`);
  for (let i = 0; i < FIRST; i++) {
    const g = got.first[i] as KaitaiRec;
    const w = want.first[i] as Rec;
    for (const k of ['tag', 'flags', 'len', 'id', 'delta', 'x', 'y', 'crc'] as const)
      if (!Object.is(g[k], w[k])) throw new Error(`record ${i}: ${k} = ${g[k]}, expected ${w[k]}`);
    if (g.ts !== Number(w.ts)) throw new Error(`record ${i}: ts = ${g.ts}, expected Number(${w.ts}n)`);
    if (g.pair.length !== 2 || g.pair[0] !== w.pair[0] || g.pair[1] !== w.pair[1])
      throw new Error(`record ${i}: pair = ${JSON.stringify(g.pair)}, expected ${JSON.stringify(w.pair)}`);
  }
  if (got.hash !== want.hash) throw new Error(`checksum ${got.hash >>> 0} != expected ${want.hash >>> 0}`);
  if (got.tsSum !== tsDoubleSum) throw new Error(`ts sum ${got.tsSum} != expected ${tsDoubleSum}`);
}
