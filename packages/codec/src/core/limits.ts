/**
 * Limits against hostile input. A length or count read from the input never sizes an allocation
 * or a loop beyond these; each can be raised per decode.
 */
export interface Limits {
  /** Bytes one record may span (default 64 MiB). */
  maxRecordBytes: number;
  /** Elements one array may hold (default 1,048,576). */
  maxArrayLength: number;
  /** Nesting depth of lazy (recursive) codecs (default 256). */
  maxDepth: number;
}

export const defaultLimits: Readonly<Limits> = Object.freeze({
  maxRecordBytes: 64 * 1024 * 1024,
  maxArrayLength: 1 << 20,
  maxDepth: 256,
});

export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  return { ...defaultLimits, ...partial };
}
