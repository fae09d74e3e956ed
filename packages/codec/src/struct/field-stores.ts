/**
 * Per-site store functions, the struct interpreter's one speed device of its kind: field i of a
 * record is stored through STORES[i], sixteen identical functions, so each store site sees one key
 * per struct (monomorphic) instead of every key of every struct (megamorphic, which cost ~13 ns per
 * field). `bench codec`'s `fixed-struct` workload, contestant `stride:interpreted`, shows it: run it
 * with `STRIDE_NO_FIELD_STORES=1` (read once, at load) to store every field through one function.
 */
type Store = (o: Record<string, unknown>, k: string, v: unknown) => void;

const disabled = typeof process !== 'undefined' && process.env.STRIDE_NO_FIELD_STORES === '1';

const storeAny: Store = (o, k, v) => {
  o[k] = v;
};
const STORES: readonly Store[] = disabled
  ? []
  : [
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
      (o, k, v) => {
        o[k] = v;
      },
    ];

/** The function that stores field `i` of a record (fields past the sixteenth share one). */
export function fieldStore(i: number): Store {
  return STORES[i] ?? storeAny;
}
