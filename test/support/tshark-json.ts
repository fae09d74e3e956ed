// Reading tshark 4.0's JSON (-T json -x --no-duplicate-keys), shared by the dissection readers of the
// fixtures (test/redis/support/tshark.ts, test/mqtt/support/tshark.ts), each of which keeps its own
// protocol's normalizer: a field's text, integer and hex bytes, a repeated field's list, and the
// `<field>_raw` place -x adds to every field. Anything but the expected shape is an error.

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
