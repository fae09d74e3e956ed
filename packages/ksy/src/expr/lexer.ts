/**
 * The lexer of Kaitai's expression language (its compiler's Lexical.scala): integers (decimal, 0x,
 * 0o, 0b, `_` separators), floats (`1.5`, `.5`, `1.`, `1e3`), strings ('…' raw, "…" with escapes
 * \a \b \t \n \v \f \r \e \' \" \\, octal \0..\377 and \uXXXX), f-strings, identifiers and operators.
 * Whitespace is spaces, tabs and newlines (and `\` before a newline).
 */
import { KsyError } from '../errors.js';

export type Token =
  | { readonly kind: 'int'; readonly value: bigint; readonly at: number; readonly end: number }
  | { readonly kind: 'float'; readonly value: number; readonly at: number; readonly end: number }
  | { readonly kind: 'str'; readonly value: string; readonly at: number; readonly end: number }
  /** `f"…"`: literal parts, and each `{…}` part's tokens (ending with an `eof` at its `}`). */
  | { readonly kind: 'fstr'; readonly parts: readonly FPart[]; readonly at: number; readonly end: number }
  | { readonly kind: 'name'; readonly value: string; readonly at: number; readonly end: number }
  | { readonly kind: 'op'; readonly value: string; readonly at: number; readonly end: number }
  | { readonly kind: 'eof'; readonly at: number; readonly end: number };

export type FPart = string | readonly Token[];

/** Operators, longest first. */
const OPS = ['::', '<<', '>>', '<=', '>=', '==', '!=', '<', '>', '+', '-', '*', '/', '%', '&', '|', '^', '~'];
const PUNCT = '?:.,()[]';
const ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  "'": "'",
  '"': '"',
  '\\': '\\',
};

/** A syntax error at offset `at` of the expression (the error's column is 1-based). */
export function syntaxError(message: string, at: number): KsyError {
  return new KsyError('BAD_EXPRESSION', `${message} at column ${at + 1}`, { column: at + 1 });
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** Splits `src` into tokens, ending with an `eof` token. */
export function tokenize(src: string): Token[] {
  return lex(src, 0, false)[0];
}

/**
 * Tokens from `src[i]` to its end — or, `inBraces`, to the first `}` outside strings (an f-string's
 * `{…}`): the tokens, the last an `eof` there, and that offset.
 */
function lex(src: string, i: number, inBraces: boolean): [Token[], number] {
  const tokens: Token[] = [];
  while (true) {
    while (i < src.length) {
      const c = src[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '\\' && (src[i + 1] === '\n' || src[i + 1] === '\r')) i += 2;
      else break;
    }
    if (i >= src.length || (inBraces && src[i] === '}')) {
      tokens.push({ kind: 'eof', at: i, end: i });
      return [tokens, i];
    }
    const start = i;
    const c = src[i] as string;
    if (c === 'f' && src[i + 1] === '"') {
      const [parts, end] = fstring(src, i + 2);
      tokens.push({ kind: 'fstr', parts, at: start, end: end });
      i = end;
    } else if (isIdStart(c)) {
      while (isIdChar(src[i])) i++;
      tokens.push({ kind: 'name', value: src.slice(start, i), at: start, end: i });
    } else if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
      const n = number(src, i);
      tokens.push(n);
      i = n.end;
    } else if (c === "'") {
      const close = src.indexOf("'", i + 1);
      if (close < 0) throw syntaxError('unterminated string', start);
      tokens.push({ kind: 'str', value: src.slice(i + 1, close), at: start, end: close + 1 });
      i = close + 1;
    } else if (c === '"') {
      let value = '';
      i++;
      while (src[i] !== '"') {
        if (i >= src.length) throw syntaxError('unterminated string', start);
        if (src[i] === '\\') {
          const [text, next] = escapeAt(src, i);
          value += text;
          i = next;
        } else value += src[i++];
      }
      i++;
      tokens.push({ kind: 'str', value, at: start, end: i });
    } else {
      const op = OPS.find((o) => src.startsWith(o, i)) ?? (PUNCT.includes(c) ? c : undefined);
      if (op === undefined) throw syntaxError(`unexpected character '${c}'`, start);
      i += op.length;
      tokens.push({ kind: 'op', value: op, at: start, end: i });
    }
  }
}

/** The escape at `src[i]` (a backslash): its text and the offset after it. */
function escapeAt(src: string, i: number): [string, number] {
  const c = src[i + 1];
  if (c !== undefined && c in ESCAPES) return [ESCAPES[c] as string, i + 2];
  if (c !== undefined && c >= '0' && c <= '7') {
    let j = i + 1;
    while (j < src.length && j < i + 4 && (src[j] as string) >= '0' && (src[j] as string) <= '7') j++;
    return [String.fromCharCode(Number.parseInt(src.slice(i + 1, j), 8)), j];
  }
  if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6)))
    return [String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16)), i + 6];
  throw syntaxError(`bad escape '\\${c ?? ''}'`, i);
}

/** An f-string's body from `i` (after `f"`): its parts and the offset after the closing quote. */
function fstring(src: string, i: number): [FPart[], number] {
  const parts: FPart[] = [];
  let text = '';
  while (src[i] !== '"') {
    if (i >= src.length) throw syntaxError('unterminated f-string', i);
    const c = src[i] as string;
    if (c === '\\') {
      const [t, next] = escapeAt(src, i);
      text += t;
      i = next;
    } else if (c === '{') {
      if (text) parts.push(text);
      text = '';
      const [tokens, end] = lex(src, i + 1, true);
      if (src[end] !== '}') throw syntaxError("f-string '{' without '}'", end);
      parts.push(tokens);
      i = end + 1;
    } else {
      text += c;
      i++;
    }
  }
  if (text) parts.push(text);
  return [parts, i + 1];
}

/** The number literal at `src[i]`. */
function number(src: string, i: number): Token {
  const rest = src.slice(i);
  const radix = /^0([xXoObB])([0-9a-fA-F_]*)/.exec(rest);
  if (radix) {
    const r = { x: 16, o: 8, b: 2 }[(radix[1] as string).toLowerCase() as 'x' | 'o' | 'b'];
    const digits = (radix[2] as string).replaceAll('_', '');
    const valid = r === 16 ? /^[0-9a-fA-F]+$/ : r === 8 ? /^[0-7]+$/ : /^[01]+$/;
    if (!valid.test(digits) || isIdChar(src[i + radix[0].length]))
      throw syntaxError(`bad number '${radix[0]}'`, i);
    const prefix = { 16: '0x', 8: '0o', 2: '0b' }[r];
    return { kind: 'int', value: BigInt(prefix + digits), at: i, end: i + radix[0].length };
  }
  // Kaitai's floatnumber: (intpart? fraction | intpart ".") exponent?, or intpart exponent; "1." only
  // when no name follows (so `1.to_s` stays a call on 1).
  const float =
    /^(?:(?:[0-9]+)?\.[0-9]+|[0-9]+\.(?![A-Za-z_]))(?:[eE][+-]?[0-9]+)?|^[0-9]+[eE][+-]?[0-9]+/.exec(rest);
  if (float) {
    return { kind: 'float', value: Number(float[0]), at: i, end: i + float[0].length };
  }
  const int = /^(?:[1-9][0-9_]*|0)/.exec(rest) as RegExpExecArray;
  if (isIdChar(src[i + int[0].length]))
    throw syntaxError(`bad number '${rest.slice(0, int[0].length + 1)}'`, i);
  return {
    kind: 'int',
    value: BigInt(int[0].replaceAll('_', '')),
    at: i,
    end: i + int[0].length,
  };
}
