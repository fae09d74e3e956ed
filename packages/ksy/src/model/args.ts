/**
 * Splitting the argument lists the .ksy writes inside strings — `my_type(a, f(b, c), "x,y")`,
 * `xor(key)` — into one `Expr` per argument, at the commas outside brackets and string literals.
 */
import type { Expr } from './types.js';

/** The top-level pieces of `text` between commas, trimmed; none for blank text. */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** Each argument of `text` as an `Expr` placed where the whole list stands. */
export function argExprs(text: string, at: Omit<Expr, 'source'>): Expr[] {
  return splitArgs(text).map((source) => ({ ...at, source }));
}
