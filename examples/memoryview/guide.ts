/**
 * A tour of Stride's memoryview through the examples of the classic Python memoryview guide.
 * Each step shows the Python line, the Stride call that mirrors it, and the result.
 *
 * Run: pnpm demo
 *  or: npx tsx --conditions=@stride/source examples/memoryview/guide.ts
 */
import * as byteAccess from './byte-access.js';
import * as intArray from './int-array.js';
import * as invertColors from './invert-colors.js';
import * as memorySavings from './memory-savings.js';
import * as modifyInPlace from './modify-in-place.js';
import { isMain, type Print } from './repl.js';

export const examples = [byteAccess, modifyInPlace, intArray, invertColors, memorySavings] as const;

export function main(print: Print = console.log): void {
  const heading = 'Stride memoryview: the Python memoryview guide, in TypeScript';
  print(heading);
  print('='.repeat(heading.length));
  print('Python on the left, Stride after the #, the result below.');
  examples.forEach((example, i) => {
    const title = `${i + 1}. ${example.title}`;
    print('');
    print(title);
    print('-'.repeat(title.length));
    example.main(print);
  });
}

if (isMain(import.meta.url)) main();
