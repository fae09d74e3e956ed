export { PeekTagCodec, peekTag } from './peek-tag.js';
export { select } from './select.js';
export {
  TaggedUnionCodec,
  taggedUnion,
  type UnionOptions,
  type UnionTag,
  type UnionValue,
  type VariantTable,
  type VariantValue,
} from './union.js';
