// binary-parser 2.3.0's package.json "exports" hides its declarations from NodeNext resolution
// (they sit next to the CommonJS build): point the package name at them.
declare module 'binary-parser' {
  export { Parser } from 'binary-parser/dist/binary_parser.js';
}
