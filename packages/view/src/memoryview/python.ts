/** Python semantics that memoryview relies on, translated to JavaScript values. */

/** The Python type name a JavaScript value stands for, as CPython's messages print it. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  switch (typeof value) {
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
    case 'function':
      return 'function';
    case 'symbol':
      return 'symbol';
  }
  if (Array.isArray(value)) return 'list';
  if (value instanceof Uint8Array) return 'bytes';
  const name = (value as object).constructor?.name;
  return name === undefined || name === 'Object' ? 'dict' : name;
}

/** Python's `bool(value)`: NaN is true, empty sequences and zero are false. */
export function pyTruth(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (typeof value) {
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
  }
  if (Array.isArray(value)) return value.length > 0;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value.byteLength > 0;
  return true;
}

/**
 * Python's `a == b` for the values a view holds: numbers, bigints and booleans compare by
 * mathematical value (True == 1, 1 == 1.0, NaN != NaN), bytes by content, and nothing else is equal.
 */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    if (!(a instanceof Uint8Array && b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  const x = typeof a === 'boolean' ? Number(a) : a;
  const y = typeof b === 'boolean' ? Number(b) : b;
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  if (typeof x === 'bigint' && typeof y === 'bigint') return x === y;
  if (typeof x === 'bigint' && typeof y === 'number') return Number.isInteger(y) && BigInt(y) === x;
  if (typeof x === 'number' && typeof y === 'bigint') return Number.isInteger(x) && BigInt(x) === y;
  return false;
}
