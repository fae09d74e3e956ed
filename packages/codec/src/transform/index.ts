export {
  LiteralCodec,
  literal,
  MapCodec,
  type Mapping,
  map,
  type Primitive,
  RefineCodec,
  refine,
} from './transform.js';
