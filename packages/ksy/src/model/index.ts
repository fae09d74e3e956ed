/**
 * The model of a .ksy description: `parseKsy` (YAML → checked model), `resolveKsy` (imports
 * loaded, user types and enums resolved), and the model's types.
 */
export { type ParseKsyOptions, parseKsy } from './parse.js';
export {
  type EnumOwner,
  type ImportLookup,
  importName,
  type ResolvedFormat,
  resolveKsy,
  type UserTypeName,
} from './resolve.js';
export type * from './type-ref.js';
export { strzTerminator } from './type-ref.js';
export type * from './types.js';
