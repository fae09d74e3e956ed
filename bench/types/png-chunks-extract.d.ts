// png-chunks-extract 1.0.0 ships no type declarations: its one export, as bench/suites/png.ts uses it.
declare module 'png-chunks-extract' {
  /** One chunk: its four-letter type and a copy of its data. */
  interface Chunk {
    name: string;
    data: Uint8Array;
  }
  /**
   * Lists the chunks of a whole PNG file (IHDR first, up to and including IEND), checking every
   * chunk's CRC but IEND's; throws a plain Error on a bad signature, a CRC mismatch or a missing IEND.
   */
  function extractChunks(data: Uint8Array): Chunk[];
  export = extractChunks;
}
