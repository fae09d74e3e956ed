/**
 * 1. Byte access and tobytes() of a slice.
 *
 * Python:
 *   with memoryview(b'abcefg') as mv:
 *       mv[1]                # 98
 *       mv[-1]               # 103
 *       mv[1:4].tobytes()    # b'bce'
 *       list(mv[1:4])        # [98, 99, 101]
 *       mv[0] = 65           # TypeError: cannot modify read-only memory
 *
 * Run: npx tsx --conditions=@stride/source examples/memoryview/byte-access.ts
 */
import { memoryview } from '@stride/view';
import { type Print, raised, runIfMain, show, showError } from './repl.js';

export const title = 'Byte access and tobytes() of a slice';

/** What the Python session above computes. */
export interface ByteAccess {
  second: number;
  last: number;
  slice: Uint8Array;
  sliceList: number[];
  readonly: boolean;
  writeError: Error;
}

export function byteAccess(): ByteAccess {
  // Python's bytes are immutable, so a memoryview of b'...' is read-only. A Buffer is
  // mutable; toreadonly() gives the same read-only view (so would the option { readonly: true }).
  // `using` releases the view at the end of the block, like Python's `with`.
  using mv = memoryview(Buffer.from('abcefg')).toreadonly();
  return {
    second: mv.get(1), //                       mv[1]
    last: mv.get(-1), //                        mv[-1]: negative indices count from the end
    slice: mv.slice(1, 4).tobytes(), //         mv[1:4].tobytes(): a copy, made on request
    sliceList: [...mv.slice(1, 4)], //          list(mv[1:4]): a view is iterable
    readonly: mv.readonly, //                   mv.readonly
    writeError: raised(() => mv.set(0, 65)), // mv[0] = 65
  };
}

export function main(print: Print = console.log): void {
  const r = byteAccess();
  show(print, "mv = memoryview(b'abcefg')", "mv = memoryview(Buffer.from('abcefg')).toreadonly()");
  show(print, 'mv[1]', 'mv.get(1)', r.second);
  show(print, 'mv[-1]', 'mv.get(-1)', r.last);
  show(print, 'mv[1:4].tobytes()', 'mv.slice(1, 4).tobytes()', r.slice);
  show(print, 'list(mv[1:4])', '[...mv.slice(1, 4)]', r.sliceList);
  show(print, 'mv.readonly', 'mv.readonly', r.readonly);
  showError(print, 'mv[0] = 65', 'mv.set(0, 65)', r.writeError);
}

runIfMain(import.meta.url, title, main);
