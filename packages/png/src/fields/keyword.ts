/**
 * Keywords (tEXt, zTXt, iTXt, iCCP profile names, sPLT palette names): 1-79 bytes of printable
 * Latin-1 (0x20-0x7E, 0xA1-0xFF), no leading, trailing or consecutive spaces, then a NUL.
 */
import { type Codec, string } from '@stride/codec';
import { checked, type Fault } from './check.js';

/** The first rule `keyword` breaks, with the index of the character at fault; undefined if none. */
export function keywordFault(keyword: string, what = 'keyword'): Fault | undefined {
  const n = keyword.length;
  if (n === 0)
    return { at: 0, message: `${what} is empty: it must hold 1-79 characters`, expected: '1-79 characters' };
  if (n > 79) {
    return {
      at: 79,
      message: `${what} is ${n} bytes long: at most 79 are allowed`,
      expected: 'at most 79 characters',
      actual: `${n} characters`,
    };
  }
  for (let i = 0; i < n; i++) {
    const c = keyword.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0) return space(what, i, 'begins with a space');
      if (i === n - 1) return space(what, i, 'ends with a space');
      if (keyword.charCodeAt(i - 1) === 0x20) return space(what, i, 'has two spaces in a row');
    } else if (!((c > 0x20 && c <= 0x7e) || (c >= 0xa1 && c <= 0xff))) {
      const hx = c.toString(16).padStart(2, '0');
      return {
        at: i,
        message: `${what} character 0x${hx} at index ${i} is not printable Latin-1 (0x20-0x7E, 0xA1-0xFF)`,
        expected: 'printable Latin-1 (0x20-0x7E, 0xA1-0xFF)',
        actual: `0x${hx}`,
      };
    }
  }
  return undefined;
}

function space(what: string, i: number, problem: string): Fault {
  return {
    at: i,
    message: `${what} ${problem} (at index ${i}): keywords have no leading, trailing or consecutive spaces`,
    expected: 'no leading, trailing or consecutive spaces',
    actual: 'a space',
  };
}

/** A NUL-terminated keyword (`what` names it in messages: `keyword`, `profile name`, `palette name`). */
export function keyword(what = 'keyword'): Codec<string> {
  return checked(string('cstring', { encoding: 'latin1' }), (k) => keywordFault(k, what));
}
