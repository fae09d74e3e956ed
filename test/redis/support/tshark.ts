// tshark's RESP dissection of the fixture capture (fixtures/dissection.json, tshark 4.0), as the
// values of each TCP stream and direction in stream order, each with its offset and size in that
// direction's bytes (fixtures/stream-N-client|server.bin): an oracle for @stride/redis's decoder,
// value by value. Types and fields are named as @stride/redis names them:
//   simple {value: string}   error {value: string}   integer {value: number, a bigint past 2^53}
//   bulk {length, value: Uint8Array | null}   array {length, value: TsharkValue[] | null}
//   fragment {line}: a line tshark does not parse, the line's text without its CRLF (latin1)
// and every value has `code` (its first byte, as a character), `offset` and `size` (in bytes, CRLFs
// and, for an array, its elements included).
//
// What tshark 4.0's dissector does, which the tests must allow for:
// - It knows RESP2 only (+ - : $ *). Every other line is a `fragment` of its own, one line long: an
//   inline command (`SET k v` from redis-cli --pipe) and a RESP3 header alike; so a RESP3 map
//   `%7\r\n` is a fragment followed by its 14 elements as top-level values.
// - A line that is only CRLF is skipped without a trace: the stream has 2 bytes no value covers.
// - It puts all the values of a segment side by side in one `resp` layer; the JSON groups them by
//   field (--no-duplicate-keys), and their order is the order of their positions (from -x's
//   `<field>_raw`: [hex, position in the frame, length, bitmask, type]).
// A TCP segment tshark had to reassemble is refused (positions would be in the reassembled buffer;
// the capture has none), and so is a field this file does not know.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { asString, hex, int, list, rawList, segments, type Tree, text } from '../../support/tshark-json.js';
import { integerValue } from './wire.js';

interface Placed {
  /** The value's first byte, as a character ('+', '$', …; for a fragment, its line's). */
  code: string;
  /** Where the value starts in its direction's stream. */
  offset: number;
  /** Its bytes in the stream, CRLFs and elements included. */
  size: number;
}

export type TsharkValue =
  | (Placed & { type: 'simple'; value: string })
  | (Placed & { type: 'error'; value: string })
  | (Placed & { type: 'integer'; value: number | bigint })
  | (Placed & { type: 'bulk'; length: number; value: Uint8Array | null })
  | (Placed & { type: 'array'; length: number; value: TsharkValue[] | null })
  | (Placed & { type: 'fragment'; line: string });

/** A value without its place, codes and lengths: what @stride/redis's decoder gives (fragments aside). */
export type TsharkShape =
  | { type: 'simple' | 'error'; value: string }
  | { type: 'integer'; value: number | bigint }
  | { type: 'bulk'; value: Uint8Array | null }
  | { type: 'array'; value: TsharkShape[] | null }
  | { type: 'fragment'; line: string };

export type Direction = 'client' | 'server';

export interface TsharkStream {
  stream: number;
  /** What the client sent, in stream order. */
  client: TsharkValue[];
  /** What the server sent. */
  server: TsharkValue[];
}

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const SERVER_PORT = '16379';

/** The raw payload of one direction of a captured TCP stream (fixtures/stream-N-client|server.bin). */
export function streamBytes(stream: number, direction: Direction): Uint8Array {
  return new Uint8Array(readFileSync(`${FIXTURES}stream-${stream}-${direction}.bin`));
}

/** The value as @stride/redis's decoder shapes it: type and value, recursively. */
export function shape(value: TsharkValue): TsharkShape {
  switch (value.type) {
    case 'array':
      return { type: 'array', value: value.value === null ? null : value.value.map(shape) };
    case 'fragment':
      return { type: 'fragment', line: value.line };
    case 'integer':
      return { type: 'integer', value: value.value };
    case 'bulk':
      return { type: 'bulk', value: value.value };
    default:
      return { type: value.type, value: value.value };
  }
}

/** Every TCP stream of the dissection, in stream order, each direction's values in stream order. */
export function readDissection(file = `${FIXTURES}dissection.json`): TsharkStream[] {
  return normalizePackets(JSON.parse(readFileSync(file, 'utf8')));
}

/** The same from tshark's JSON already parsed: a list of `{ _source: { layers: { frame, tcp, resp } } }`. */
export function normalizePackets(json: unknown): TsharkStream[] {
  const streams: TsharkStream[] = [];
  for (const { frame, layers, stream: n, direction, ...at } of segments(json, SERVER_PORT)) {
    streams[n] ??= { stream: n, client: [], server: [] };
    streams[n][direction].push(...children(layers.resp as Tree, at, frame));
  }
  return streams;
}

/** Where a layer's values may be (positions in the frame) and how a position maps to an offset. */
interface At {
  base: number;
  start: number;
  end: number;
}

/** The fields of the values directly in `tree`, each normalized, in the order of their positions. */
function children(tree: Tree, at: At, where: string): TsharkValue[] {
  const found: { position: number; value: TsharkValue }[] = [];
  for (const [key, node] of Object.entries(tree)) {
    if (key.endsWith('_raw') || key === 'resp.array.length') continue;
    const normalize = FIELDS[key];
    if (!normalize) throw new Error(`${where}: tshark field "${key}" is not mapped`);
    const raws = rawList(tree[`${key}_raw`], key);
    const nodes = list(node);
    if (raws.length !== nodes.length) throw new Error(`${where}: ${key} and its _raw differ in number`);
    raws.forEach(([hex, position, size], i) => {
      if (position < at.start || position + size > at.end)
        throw new Error(`${where}: ${key} at ${position}+${size} is outside the segment's payload`);
      const bytes = Buffer.from(hex, 'hex');
      const placed = { code: String.fromCharCode(bytes[0] ?? 0), offset: at.base + position, size };
      found.push({ position, value: normalize(nodes[i], placed, bytes, at, `${where} ${key}`) });
    });
  }
  return found.sort((a, b) => a.position - b.position).map((f) => f.value);
}

type Normalizer = (node: unknown, placed: Placed, bytes: Buffer, at: At, where: string) => TsharkValue;

const FIELDS: Record<string, Normalizer> = {
  'resp.string': (node, placed) => ({ ...placed, type: 'simple', value: asString(node) }),
  'resp.error': (node, placed) => ({ ...placed, type: 'error', value: asString(node) }),
  'resp.integer': (node, placed) => ({ ...placed, type: 'integer', value: integerValue(asString(node)) }),
  'resp.bulk_string': (node, placed, _bytes, _at, where) => {
    const tree = node as Tree;
    const length = int(tree, 'resp.bulk_string.length');
    if (length < 0) return { ...placed, type: 'bulk', length, value: null };
    // tshark 4.0 shows no value for an empty bulk string.
    const value = length === 0 ? new Uint8Array(0) : hex(text(tree, 'resp.bulk_string.value'));
    if (value.length !== length) throw new Error(`${where}: length ${length}, ${value.length} bytes`);
    return { ...placed, type: 'bulk', length, value };
  },
  'resp.array': (node, placed, _bytes, at, where) => {
    const tree = node as Tree;
    const length = int(tree, 'resp.array.length');
    if (length < 0) return { ...placed, type: 'array', length, value: null };
    const value = children(tree, at, where);
    if (value.length !== length)
      throw new Error(`${where}: ${length} elements declared, ${value.length} shown`);
    return { ...placed, type: 'array', length, value };
  },
  // tshark's fragment has no value of its own: the line is its bytes, less the CRLF.
  'resp.fragment': (_node, placed, bytes) => ({
    ...placed,
    type: 'fragment',
    line: bytes.subarray(0, bytes.length - 2).toString('latin1'),
  }),
};
