// restructure 3.0.2 ships no type declarations: the part of its API that bench/suites/codec.ts uses.
declare module 'restructure' {
  export class DecodeStream {
    constructor(buffer: Uint8Array);
    buffer: Uint8Array;
    view: DataView;
    pos: number;
    length: number;
  }

  export class EncodeStream {
    constructor(buffer: Uint8Array);
    buffer: Uint8Array;
    view: DataView;
    pos: number;
  }

  /** What a Struct field must provide (restructure's types, or a custom one). */
  export interface Type<T> {
    size(value?: T | null, parent?: unknown): number;
    decode(stream: DecodeStream, parent?: unknown): T;
    encode(stream: EncodeStream, value: T, parent?: unknown): void;
  }

  export class Struct<T = Record<string, unknown>> implements Type<T> {
    constructor(fields: Record<string, Type<unknown>>);
    size(value?: T | null, parent?: unknown): number;
    decode(stream: DecodeStream, parent?: unknown): T;
    encode(stream: EncodeStream, value: T, parent?: unknown): void;
  }

  class ArrayT<T> implements Type<T[]> {
    constructor(type: Type<T>, length: number);
    size(value?: T[] | null, parent?: unknown): number;
    decode(stream: DecodeStream, parent?: unknown): T[];
    encode(stream: EncodeStream, value: T[], parent?: unknown): void;
  }

  export { ArrayT as Array };

  export const uint8: Type<number>;
  export const uint16le: Type<number>;
  export const uint32le: Type<number>;
  export const int32le: Type<number>;
  export const floatle: Type<number>;
  export const doublele: Type<number>;
}
