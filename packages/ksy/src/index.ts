/**
 * @stride/ksy: Kaitai Struct format descriptions (.ksy) loaded at run time onto @stride/codec.
 */
export {};
