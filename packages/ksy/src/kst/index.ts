/**
 * @stride/ksy/kst: Kaitai Struct's language-agnostic test specs, read and (as the loader lands) run.
 */
export { type KstAssert, type KstException, type KstSpec, parseKst } from './spec.js';
