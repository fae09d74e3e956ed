/**
 * Kaitai Struct's expression language: parse (parse.ts), type-check and compile to JS text against a
 * Scope (compile.ts, scope.ts, types.ts), and the helpers the compiled text calls (runtime.ts).
 */
export type { Ast, BinaryOp, CompareOp, TypeRef, UnaryOp } from './ast.js';
export { asNumber, type Compiled, compileExpr, compileSource } from './compile.js';
export { bytesToStr, encodingCodec, strToBytes } from './encodings.js';
export { parseExpr } from './parse.js';
export { printExpr } from './print.js';
export { type Int, type KsyRuntime, ksyRuntime } from './runtime.js';
export type { Binding, EnumMember, Scope } from './scope.js';
export * from './types.js';
