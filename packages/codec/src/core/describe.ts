/** Short renderings of decoded or given values for error messages (`expected …, got …`). */
import { hex } from '../errors.js';

const MAX = 48;

function clip(s: string): string {
  return s.length > MAX ? `${s.slice(0, MAX - 1)}…` : s;
}

/** A value as it would be written in source: `7`, `7n`, `"abc"`, `<01 02>`, `{"a":1}`. */
export function describeValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return clip(JSON.stringify(v));
    case 'bigint':
      return clip(`${v}n`);
    case 'object':
      if (v === null) return 'null';
      if (v instanceof Uint8Array) return `<${hex(v.subarray(0, 16))}${v.length > 16 ? ' …' : ''}>`;
      try {
        return clip(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v));
      } catch {
        return Object.prototype.toString.call(v);
      }
    default:
      // A function prints its whole source.
      return clip(String(v));
  }
}
