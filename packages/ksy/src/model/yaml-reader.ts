/**
 * Reading a .ksy's YAML nodes with their place: each `MapReader` knows its YAML path and turns
 * values into strings, booleans, bytes and `Expr`s the way Kaitai's compiler does (a number or a
 * boolean where text is expected is its source text), raising a `KsyError` with path and line
 * for a value of the wrong kind or a key the language lacks (keys starting with `-` are free).
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Scalar,
} from 'yaml';
import { KsyError, type KsyErrorCode, type KsyLocation } from '../errors.js';
import type { Expr } from './types.js';

export type YamlPath = readonly (string | number)[];

/** What every reader of one file shares. */
export interface Source {
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly file?: string;
}

/** The node an alias stands for, else the node. */
function deref(source: Source, node: unknown): Node | undefined {
  if (isAlias(node)) return deref(source, node.resolve(source.doc));
  return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
}

export function locate(source: Source, node: Node | undefined, path: YamlPath): KsyLocation {
  const offset = node?.range?.[0];
  const pos = offset === undefined ? undefined : source.lines.linePos(offset);
  return {
    path,
    ...(pos && { line: pos.line, column: pos.col }),
    ...(source.file !== undefined && { file: source.file }),
  };
}

export function fail(code: KsyErrorCode, message: string, at: KsyLocation): never {
  throw new KsyError(code, message, at);
}

/** A scalar's text as Kaitai's `asStr` has it: a string's value, a number's or boolean's source. */
function scalarText(node: Scalar): string | undefined {
  const v = node.value;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || typeof v === 'bigint') return node.source ?? String(v);
  return undefined;
}

/** An integer literal as YAML or Kaitai write it (`12`, `-3`, `0x1f`, `0b101`, `0o17`, `1_000`), exact. */
export function parseInteger(text: string): bigint | undefined {
  const m = /^([-+]?)(0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)$/i.exec(text.trim());
  if (!m?.[2]) return undefined;
  const digits = m[2].replaceAll('_', '');
  const n = BigInt(digits.toLowerCase());
  return m[1] === '-' ? -n : n;
}

/** A bigint as a number when it is safe, else itself. */
export function exact(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/** A YAML value with its path: the typed reads of one node. */
export class ValueReader {
  constructor(
    readonly source: Source,
    readonly node: Node | undefined,
    readonly path: YamlPath,
  ) {}

  get at(): KsyLocation {
    return locate(this.source, this.node, this.path);
  }

  fail(code: KsyErrorCode, message: string): never {
    return fail(code, message, this.at);
  }

  /** Kaitai's asStr: a string, or a number / boolean's source text. */
  str(what = 'a string'): string {
    const text = isScalar(this.node) ? scalarText(this.node) : undefined;
    return text ?? this.fail('BAD_KEY', `expected ${what}`);
  }

  /** A string scalar's value; undefined for anything else (numbers and booleans too). */
  text(): string | undefined {
    return isScalar(this.node) && typeof this.node.value === 'string' ? this.node.value : undefined;
  }

  expr(): Expr {
    return { source: this.str('an expression'), ...this.at, path: this.path };
  }

  bool(): boolean {
    const v = isScalar(this.node) ? this.node.value : undefined;
    return typeof v === 'boolean' ? v : this.fail('BAD_KEY', 'expected true or false');
  }

  int(): bigint {
    const text =
      isScalar(this.node) && typeof this.node.value !== 'string' ? scalarText(this.node) : undefined;
    const n = text === undefined ? undefined : parseInteger(text);
    return n ?? this.fail('BAD_KEY', 'expected an integer');
  }

  byte(): number {
    const n = this.int();
    return n >= 0n && n <= 255n
      ? Number(n)
      : this.fail('BAD_KEY', `expected an integer from 0 to 255, got ${n}`);
  }

  map(what = 'a mapping'): MapReader {
    return isMap(this.node)
      ? new MapReader(this.source, this.node, this.path)
      : this.fail('BAD_KEY', `expected ${what}`);
  }

  isMap(): boolean {
    return isMap(this.node);
  }

  isSeq(): boolean {
    return isSeq(this.node);
  }

  /** A sequence's items, or (Kaitai's getList) a single value as a list of one. */
  list(): ValueReader[] {
    if (!isSeq(this.node)) return [this];
    return this.node.items.map(
      (item, i) => new ValueReader(this.source, deref(this.source, item), [...this.path, i]),
    );
  }

  /** A sequence's items; anything else is a fault. */
  seq(): ValueReader[] {
    return isSeq(this.node) ? this.list() : this.fail('BAD_KEY', 'expected a sequence');
  }

  strList(): string[] {
    return this.list().map((item) => item.str());
  }
}

/** One entry of a mapping: its key's text (and node) and its value. */
export interface Entry {
  readonly key: string;
  readonly keyNode: Node | undefined;
  readonly value: ValueReader;
}

/** A YAML mapping with its path. */
export class MapReader {
  readonly entries: readonly Entry[];
  readonly #byKey = new Map<string, Entry>();

  constructor(
    readonly source: Source,
    readonly node: Node,
    readonly path: YamlPath,
    exclude: readonly string[] = [],
  ) {
    const entries: Entry[] = [];
    if (isMap(node))
      for (const pair of node.items) {
        const keyNode = deref(source, pair.key);
        const key = isScalar(keyNode) ? scalarText(keyNode) : undefined;
        if (key === undefined) fail('BAD_KEY', 'expected a scalar key', locate(source, keyNode, path));
        if (exclude.includes(key)) continue;
        const entry = {
          key,
          keyNode,
          value: new ValueReader(source, deref(source, pair.value), [...path, key]),
        };
        entries.push(entry);
        this.#byKey.set(key, entry);
      }
    this.entries = entries;
  }

  get at(): KsyLocation {
    return locate(this.source, this.node, this.path);
  }

  /** The same mapping seen without some keys. */
  without(keys: readonly string[]): MapReader {
    return new MapReader(this.source, this.node, this.path, keys);
  }

  has(key: string): boolean {
    return this.#byKey.has(key);
  }

  get(key: string): ValueReader | undefined {
    return this.#byKey.get(key)?.value;
  }

  /** A required key's value: MISSING_KEY without it. */
  need(key: string): ValueReader {
    return (
      this.get(key) ??
      fail('MISSING_KEY', `\`${key}\` is required`, { ...this.at, path: [...this.path, key] })
    );
  }

  /** An entry's key as an expression (a switch case, a computed endianness case), placed at the key. */
  keyExpr(entry: Entry): Expr {
    return {
      source: entry.key,
      ...locate(this.source, entry.keyNode, entry.value.path),
      path: entry.value.path,
    };
  }

  /** Where a key stands (its value's start), or the mapping's when the key is absent. */
  atKey(key: string): KsyLocation {
    return this.get(key)?.at ?? this.at;
  }

  /** BAD_KEY for the first key outside `legal` that does not start with `-`. */
  checkKeys(legal: ReadonlySet<string>, where: string): void {
    for (const { key, keyNode } of this.entries)
      if (!key.startsWith('-') && !legal.has(key))
        fail(
          'BAD_KEY',
          `unknown key \`${key}\` in ${where}; expected one of ${[...legal].sort().join(', ')}`,
          locate(this.source, keyNode, [...this.path, key]),
        );
  }

  str(key: string): string | undefined {
    return this.get(key)?.str();
  }

  bool(key: string): boolean | undefined {
    return this.get(key)?.bool();
  }

  expr(key: string): Expr | undefined {
    return this.get(key)?.expr();
  }

  byte(key: string): number | undefined {
    return this.get(key)?.byte();
  }
}
