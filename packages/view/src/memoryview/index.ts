export { BufferExport } from './export.js';
export type { InputOf, Item, ItemOf } from './format.js';
export {
  type BytesLike,
  type FormatOf,
  MemoryView,
  type MemoryViewOptions,
  memoryview,
  memoryviewOverStore,
  type NestedList,
  type ViewKey,
} from './memoryview.js';
export type { Bound, Slice } from './slice.js';
export { type ByteStore, ContiguousStore } from './store.js';
