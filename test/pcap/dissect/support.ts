// Helpers of the dissection tests: the corpus captures with the decode rule each needs (their
// servers listen on other ports than the protocols' own), a capture dissected whole or in pieces,
// and tshark's TCP segments of each capture (fixtures/*.segments.tsv, made by make-fixtures.sh),
// which say which frame holds a given byte of a stream.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DissectedConnection, dissect, parseDecodeRule } from '@stride/pcap';
import { PROTOCOLS } from '@stride/pcap/protocols';
import { fixture } from '../file/support.js';

export const SEGMENTS = join(import.meta.dirname, 'fixtures');

/** The captures dissected, each with its `--decode` rule. */
export const CAPTURES: Readonly<Record<string, string>> = {
  'postgres-v3.pcap': 'tcp.port==54329,postgresql',
  'postgres-v3-nsec.pcap': 'tcp.port==54329,postgresql',
  'postgres-v3.pcapng': 'tcp.port==54329,postgresql',
  'redis-resp.pcapng': 'tcp.port==16379,redis',
  'mqtt.pcapng': 'tcp.port==18830,mqtt',
};

/** The pieces `cuts` (sorted offsets) make of `bytes`, as views. */
export function pieces(bytes: Uint8Array, cuts: readonly number[] = []): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(bytes.subarray(at, cut));
    at = cut;
  }
  return out;
}

/** The capture `bytes` (by default the fixture `name`'s) dissected with its decode rule, in the pieces `cuts` make. */
export function dissectCapture(
  name: string,
  cuts: readonly number[] = [],
  bytes = fixture(name),
): DissectedConnection[] {
  const rule = CAPTURES[name];
  if (rule === undefined) throw new Error(`no decode rule for ${name}`);
  return dissect(pieces(bytes, cuts), { protocols: PROTOCOLS, decode: [parseDecodeRule(rule)] });
}

interface Segment {
  frame: number;
  stream: number;
  srcPort: number;
  /** The segment's first payload byte in its direction's stream (tshark's relative seq − 1). */
  start: number;
  length: number;
}

/** tshark's TCP segments of a capture, in frame order. */
export function readSegments(name: string): Segment[] {
  return readFileSync(join(SEGMENTS, `${name}.segments.tsv`), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [frame, stream, srcPort, seq, length] = line.split('\t').map(Number) as number[];
      return {
        frame: frame as number,
        stream: stream as number,
        srcPort: srcPort as number,
        start: (seq as number) - 1,
        length: length as number,
      };
    });
}

/** tshark's frame holding byte `offset` of what `srcPort` sent on `stream` (the first copy). */
export function frameOf(
  segments: readonly Segment[],
  stream: number,
  srcPort: number,
  offset: number,
): number {
  const s = segments.find(
    (s) => s.stream === stream && s.srcPort === srcPort && s.start <= offset && offset < s.start + s.length,
  );
  if (s === undefined) throw new Error(`no segment of stream ${stream} from port ${srcPort} holds ${offset}`);
  return s.frame;
}
