/**
 * @stride/png/rx: the PNG reader and writer as RxJS operators (`parse` from @stride/rx over
 * `PngReader` and `ChunkSequencer`), and sources read as Observables. The package's root entry
 * needs neither rxjs nor @stride/rx; this entry does (optional peer dependencies).
 */
export { collectReport } from './collect-report.js';
export { encodePngChunks } from './encode-png-chunks.js';
export { pngChunks } from './png-chunks.js';
export { pngBytes, type ReadPngOptions, readPng } from './read-png.js';
