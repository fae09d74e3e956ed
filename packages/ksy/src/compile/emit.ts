/**
 * Source text being generated: lines, fresh local names, and the values the code refers to
 * (helpers, byte constants, routines), passed into the generated module as one array `R` so the
 * text holds no literal objects.
 */
export class Emit {
  readonly lines: string[] = [];
  readonly refs: unknown[] = [];
  readonly #refIndex = new Map<unknown, number>();
  #vars = 0;

  line(text: string): void {
    this.lines.push(text);
  }

  /** A fresh local name. */
  tmp(prefix = 't'): string {
    return `${prefix}${this.#vars++}`;
  }

  /** An expression naming `value` in the generated code. */
  ref(value: unknown): string {
    let i = this.#refIndex.get(value);
    if (i === undefined) {
      i = this.refs.length;
      this.refs.push(value);
      this.#refIndex.set(value, i);
    }
    return `R[${i}]`;
  }
}

/** A JavaScript string literal of `text`. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
