/**
 * Printing helpers for the memoryview examples: each step is shown as a Python REPL line,
 * the Stride call that mirrors it (as a `#` comment), and the result in Python's notation.
 *
 *   >>> mv[1:4].tobytes()                 # mv.slice(1, 4).tobytes()
 *   b'bce'
 */
import { pathToFileURL } from 'node:url';

/** Where the transcript goes; tests pass a collector instead of console.log. */
export type Print = (line: string) => void;

/** Already-formatted text: printed as is. */
export class Raw {
  constructor(readonly text: string) {}
}

/** A Python tuple, e.g. a shape: `(2, 4)`. */
export const tuple = (items: readonly unknown[]): Raw =>
  new Raw(items.length === 1 ? `(${repr(items[0])},)` : `(${items.map(repr).join(', ')})`);

/** A Python bytearray holding these bytes: `bytearray(b'...')`. */
export const bytearray = (bytes: Uint8Array): Raw => new Raw(`bytearray(${repr(bytes)})`);

/** A Python array.array: `array('i', [1, 2])`. */
export const array = (typecode: string, items: ArrayLike<number>): Raw =>
  new Raw(`array('${typecode}', ${repr(Array.from(items))})`);

/** Python's repr of a bytes object: printable ASCII as is, everything else escaped. */
function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let body = '';
  for (const b of bytes) {
    if (b === 0x5c) body += '\\\\';
    else if (b === 0x09) body += '\\t';
    else if (b === 0x0a) body += '\\n';
    else if (b === 0x0d) body += '\\r';
    else if (b === quote.charCodeAt(0)) body += `\\${quote}`;
    else if (b >= 0x20 && b < 0x7f) body += String.fromCharCode(b);
    else body += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `b${quote}${body}${quote}`;
}

/** A JavaScript value written the way Python's REPL would show it. */
export function repr(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Uint8Array) return bytesRepr(value);
  if (Array.isArray(value)) return `[${value.map(repr).join(', ')}]`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (value === null || value === undefined) return 'None';
  return String(value);
}

const COLUMN = 54;

/**
 * Marks a Python line that only works in Stride (Python raises NotImplementedError:
 * "multi-dimensional slicing is not implemented", for instance).
 */
export const STRIDE_ONLY = '# Python: NotImplementedError';

/**
 * Prints `>>> python   # stride` (the stride part on a line of its own, indented, when the
 * Python line is long) and, unless `result` is omitted, the result on the next line.
 */
export function show(print: Print, python: string, stride: string, ...result: [] | [unknown]): void {
  const prompt = `>>> ${python}`;
  if (prompt.length < COLUMN) {
    print(`${prompt.padEnd(COLUMN)} # ${stride}`);
  } else {
    print(prompt);
    print(`${''.padEnd(COLUMN)} # ${stride}`);
  }
  if (result.length > 0) print(repr(result[0]));
}

/** Prints a step that raises, as the last line of Python's traceback: `ValueError: message`. */
export function showError(print: Print, python: string, stride: string, error: unknown): void {
  show(print, python, stride);
  const e = error instanceof Error ? error : new Error(String(error));
  print(`${e.name}: ${e.message}`);
}

/** Runs `fn` and returns what it threw (or fails loudly if it did not throw). */
export function raised(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  throw new Error('expected an exception, but none was raised');
}

/** True when the module at `url` is the script node / tsx was started with. */
export const isMain = (url: string): boolean =>
  process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === url;

/** Runs an example's `main` under its title when the example is run directly. */
export function runIfMain(url: string, title: string, main: (print: Print) => void): void {
  if (!isMain(url)) return;
  console.log(title);
  console.log('-'.repeat(title.length));
  main(console.log);
}
