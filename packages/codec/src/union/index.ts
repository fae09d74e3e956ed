export { select } from './select.js';
export {
  type Tag,
  TaggedUnionCodec,
  taggedUnion,
  type UnionOptions,
  type UnionValue,
  type VariantTable,
  type VariantValue,
} from './union.js';
