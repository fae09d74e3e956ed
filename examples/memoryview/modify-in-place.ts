/**
 * 2. Modifying a bytearray in place through a view.
 *
 * Python:
 *   data = bytearray(b'Hello World')
 *   mv = memoryview(data)
 *   mv[6:11] = b'Earth'      # data == bytearray(b'Hello Earth')
 *   mv[0] = ord('J')         # data == bytearray(b'Jello Earth')
 *   mv[7:9] = b'was'         # ValueError: memoryview assignment: lvalue and rvalue have different structures
 *
 * The guide's last line is an error in Python: a memoryview cannot grow or shrink its buffer,
 * so the right-hand side must have exactly the slice's shape (2 bytes here, not 3). Stride
 * raises the same ValueError, with the same message, and leaves data untouched.
 *
 * Run: npx tsx --conditions=@stride/source examples/memoryview/modify-in-place.ts
 */
import { memoryview } from '@stride/view';
import { bytearray, type Print, raised, runIfMain, show, showError } from './repl.js';

export const title = 'Modifying a bytearray in place';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Replaces "World" with "Earth" through a view: `data` itself changes, nothing is copied. */
export function replaceWorld(data: Uint8Array): Uint8Array {
  const mv = memoryview(data);
  mv.slice(6, 11).assign(bytes('Earth')); // mv[6:11] = b'Earth'
  return data;
}

/** Writes one byte through a view. */
export function setFirstLetter(data: Uint8Array, letter: string): Uint8Array {
  const mv = memoryview(data);
  mv.set(0, letter.charCodeAt(0)); // mv[0] = ord('J')
  return data;
}

/** The guide's mistake: a 3-byte value into a 2-byte slice. Returns the error raised. */
export function assignWrongLength(data: Uint8Array): Error {
  const mv = memoryview(data);
  return raised(() => mv.slice(7, 9).assign(bytes('was'))); // mv[7:9] = b'was'
}

export function main(print: Print = console.log): void {
  const data = bytes('Hello World');
  show(print, "data = bytearray(b'Hello World')", "data = new TextEncoder().encode('Hello World')");
  show(print, 'mv = memoryview(data)', 'mv = memoryview(data)');
  replaceWorld(data);
  show(print, "mv[6:11] = b'Earth'", "mv.slice(6, 11).assign(bytes('Earth'))");
  show(print, 'data', 'data', bytearray(data));
  setFirstLetter(data, 'J');
  show(print, "mv[0] = ord('J')", "mv.set(0, 'J'.charCodeAt(0))");
  show(print, 'data', 'data', bytearray(data));
  showError(print, "mv[7:9] = b'was'", "mv.slice(7, 9).assign(bytes('was'))", assignWrongLength(data));
  show(print, 'data.decode()', 'new TextDecoder().decode(data)', text(data));
}

runIfMain(import.meta.url, title, main);
