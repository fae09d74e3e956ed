/**
 * Keeping V8's hidden classes alive. V8 holds the maps (hidden classes) that optimized code relies
 * on only weakly: when every instance of a hot class has died (a decoder per connection, a reader
 * per file, cursors made per call) a GC frees their maps, throws away the optimized code built on
 * them, and the next instance starts cold and deoptimizes again (measured: windowed chain reads 6x
 * slower for good; a PNG listing 0.56x instead of 0.80x its limit). One live instance of each hot
 * class, registered here by the module that defines it, keeps the maps alive for the process.
 *
 * This is the one place such instances live. Its regression test is `bench codec`'s
 * `per-connection` workload (a new StreamDecoder per 64 KiB connection, against one long-lived
 * decoder): run it with `STRIDE_NO_SHAPE_KEEPERS=1` to see the cost of doing without.
 */
const kept: object[] = [];

/** Keeps `instances` alive for the life of the process (see the module comment). */
export function keepShapes(...instances: object[]): void {
  if (typeof process !== 'undefined' && process.env.STRIDE_NO_SHAPE_KEEPERS === '1') return;
  kept.push(...instances);
}
