// The field-by-field comparison of the differential test: an object Kaitai's generated parser made
// against the one Stride's loadKsy made from the same .ksy and bytes. The walk follows Kaitai's
// object: its own fields (lowerCamelCase, as Kaitai names them: `ether_type_1` is `etherType1`),
// then its instances through their prototype getters; keys starting with `_` (`_io`, `_parent`,
// `_root`, `_m_*` caches, `_raw_*` bytes, `_debug`) are skipped. Leaves: numbers against numbers or
// bigints by value (Kaitai reads u8/s8 as doubles, so a bigint is compared as Number(it)),
// Uint8Arrays by bytes, the rest with Object.is. An instance whose getter throws must throw on both
// sides. Each Kaitai object is walked once (instances can lead back to a parent or the root).

/** What differs, one line per difference: `path: what`. */
export interface Comparison {
  differences: string[];
  /** Leaves compared equal. */
  leaves: number;
}

const camel = (id: string): string => id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function show(v: unknown): string {
  if (v instanceof Uint8Array) return `bytes(${v.length})`;
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (typeof v === 'object' && v !== null) return `object ${v.constructor.name}`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/** Stride's object's fields and instances by Kaitai's names (lowerCamelCase), as getters. */
function strideMembers(s: object): Map<string, () => unknown> {
  const members = new Map<string, () => unknown>();
  for (const key of Object.keys(s)) members.set(camel(key), () => (s as Record<string, unknown>)[key]);
  for (let p = Object.getPrototypeOf(s); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(p))) {
      const name = camel(key);
      if (d.get && !members.has(name)) members.set(name, () => (s as Record<string, unknown>)[key]);
    }
  }
  return members;
}

/** Kaitai's object's fields (own keys) and instances (prototype getters), `_` keys left out. */
function kaitaiMembers(k: object): [string, () => unknown][] {
  const out: [string, () => unknown][] = [];
  for (const key of Object.keys(k))
    if (!key.startsWith('_')) out.push([key, () => (k as Record<string, unknown>)[key]]);
  const proto = Object.getPrototypeOf(k) as object;
  for (const [key, d] of Object.entries(Object.getOwnPropertyDescriptors(proto)))
    if (d.get && !key.startsWith('_')) out.push([key, () => (k as Record<string, unknown>)[key]]);
  return out;
}

type Got = { ok: true; value: unknown } | { ok: false; error: string };
function attempt(get: () => unknown): Got {
  try {
    return { ok: true, value: get() };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error),
    };
  }
}

/** Compares Kaitai's `kaitai` with Stride's `stride`, stopping after `limit` differences. */
export function compare(kaitai: unknown, stride: unknown, limit = 20): Comparison {
  const differences: string[] = [];
  const seen = new WeakSet<object>();
  let leaves = 0;
  const differ = (path: string, what: string) => {
    if (differences.length < limit) differences.push(`${path || '/'}: ${what}`);
  };
  const walk = (path: string, k: unknown, s: unknown): void => {
    if (differences.length >= limit) return;
    if (k instanceof Uint8Array) {
      if (s instanceof Uint8Array && sameBytes(k, s)) leaves++;
      else differ(path, `kaitai ${show(k)}, stride ${show(s)}`);
    } else if (Array.isArray(k)) {
      if (!Array.isArray(s) || s.length !== k.length) {
        differ(path, `kaitai ${show(k)}, stride ${show(s)}`);
        return;
      }
      for (let i = 0; i < k.length; i++) walk(`${path}[${i}]`, k[i], s[i]);
    } else if (typeof k === 'object' && k !== null) {
      if (typeof s !== 'object' || s === null) {
        differ(path, `kaitai ${show(k)}, stride ${show(s)}`);
        return;
      }
      if (seen.has(k)) return;
      seen.add(k);
      const members = strideMembers(s);
      for (const [key, get] of kaitaiMembers(k)) {
        const sGet = members.get(key);
        if (!sGet) {
          differ(`${path}/${key}`, 'stride has no such field or instance');
          continue;
        }
        const a = attempt(get);
        const b = attempt(sGet);
        if (a.ok && b.ok) walk(`${path}/${key}`, a.value, b.value);
        else if (a.ok !== b.ok)
          differ(
            `${path}/${key}`,
            a.ok
              ? `stride throws ${!b.ok && b.error}, kaitai ${show(a.value)}`
              : `kaitai throws ${a.error}, stride ${show(b.ok && b.value)}`,
          );
      }
    } else if (typeof k === 'number' && typeof s === 'bigint') {
      if (Number(s) === k) leaves++;
      else differ(path, `kaitai ${k}, stride ${s}n`);
    } else if (Object.is(k, s) || (k === undefined && s === null) || (k === null && s === undefined))
      leaves++;
    else differ(path, `kaitai ${show(k)}, stride ${show(s)}`);
  };
  walk('', kaitai, stride);
  return { differences, leaves };
}
