// Reading tshark 4.0's JSON (-T json -x --no-duplicate-keys), shared by the dissection readers of the
// fixtures (test/redis/support/tshark.ts, test/mqtt/support/tshark.ts), each of which keeps its own
// protocol's normalizer: each packet as a TCP segment placed in its stream, a field's text, integer
// and hex bytes, a repeated field's list, and the `<field>_raw` place -x adds to every field.
// Anything but the expected shape is an error.

/** A layer or subtree of tshark's JSON: field name to value, list or subtree. */
export type Tree = Record<string, unknown>;

/** A field's place in the frame, from its -x raw. */
export type Raw = [hex: string, position: number, size: number];

/** A field's -x data: [hex, position, length, bitmask, type]. */
export function raw(value: unknown, key: string): Raw {
  if (!Array.isArray(value) || typeof value[0] !== 'string' || typeof value[1] !== 'number')
    throw new Error(`${key}: expected [hex, position, length, …], got ${JSON.stringify(value)}`);
  return [value[0], value[1], value[2] as number];
}

/** One raw or, for a field that occurs more than once, a list of them (possibly empty). */
export function rawList(value: unknown, key: string): Raw[] {
  if (Array.isArray(value) && (value.length === 0 || Array.isArray(value[0])))
    return value.map((v) => raw(v, key));
  return [raw(value, key)];
}

/** A field tshark repeats is an array under --no-duplicate-keys, a single value otherwise. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

export function asString(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export function text(tree: Tree, key: string): string {
  const value = tree[key];
  if (typeof value !== 'string') throw new Error(`${key}: expected one string, got ${JSON.stringify(value)}`);
  return value;
}

export function toInt(value: unknown, key: string): number {
  const n = Number(asString(value));
  if (!Number.isInteger(n)) throw new Error(`${key}: not an integer`);
  return n;
}

export function int(tree: Tree, key: string): number {
  return toInt(text(tree, key), key);
}

/** tshark prints bytes as hex, colon-separated ("31:0a", or "31" for one byte); raws without colons. */
export function hex(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value.replaceAll(':', ''), 'hex'));
}

/** A packet of the dissection: a TCP segment, placed in its stream. */
export interface Segment {
  /** `frame N`, for messages. */
  frame: string;
  /** The packet's layers (frame, tcp, the protocol's). */
  layers: Tree;
  stream: number;
  /** The client's or the server's (whose port is the server's). */
  direction: 'client' | 'server';
  /** Where the segment's payload is in the frame: from `start` to `end` (positions, as -x gives them). */
  start: number;
  end: number;
  /** What a position in the frame adds to: `base + position` is its offset in the direction's stream. */
  base: number;
}

/**
 * The packets of tshark's JSON (`[{ _source: { layers: { frame, tcp, … } } }]`) as segments. A TCP
 * segment tshark had to reassemble is refused: positions would be in the reassembled buffer.
 */
export function segments(json: unknown, serverPort: string): Segment[] {
  return (json as { _source: { layers: Tree } }[]).map(({ _source: { layers } }) => {
    const frame = `frame ${text(layers.frame as Tree, 'frame.number')}`;
    const tcp = layers.tcp as Tree;
    if ('tcp.segments' in layers || Object.keys(tcp).some((k) => /segment|reassembled/.test(k)))
      throw new Error(`${frame}: a reassembled segment, which this reader does not place`);
    const [, start, size] = raw(tcp['tcp.payload_raw'], 'tcp.payload_raw');
    return {
      frame,
      layers,
      stream: int(tcp, 'tcp.stream'),
      direction: tcp['tcp.srcport'] === serverPort ? 'server' : 'client',
      start,
      end: start + size,
      // tcp.seq is relative: the first payload byte is 1.
      base: int(tcp, 'tcp.seq') - 1 - start,
    };
  });
}
