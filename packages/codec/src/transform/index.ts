export {
  LiteralCodec,
  literal,
  type Primitive,
  RefineCodec,
  refine,
  type Transformation,
  TransformCodec,
  transform,
} from './transform.js';
