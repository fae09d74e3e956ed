/**
 * @stride/ksy/kst: Kaitai Struct's language-agnostic test specs (`.kst`), read and run.
 */
export {
  type KstDirs,
  type KstReport,
  type KstResult,
  type KstRunOptions,
  runKst,
  runKstDir,
  sameValue,
} from './run.js';
export { type KstAssert, type KstException, type KstSpec, parseKst } from './spec.js';
