/**
 * Chunk types: four ASCII letters whose bit 5 (lowercase) carries a property each. The bits are part
 * of the type: `CHNK` and `cHNk` are unrelated chunks.
 */

/** The four property bits of a chunk type (PNG §5.4). */
export interface ChunkProperties {
  /** First letter uppercase: a decoder must understand the chunk to show the image. */
  readonly critical: boolean;
  /** Second letter lowercase: not registered publicly (acTL, fcTL, fdAT are standard but defined as private). */
  readonly private: boolean;
  /** Third letter lowercase: reserved, set only by datastreams of a later PNG version. */
  readonly reserved: boolean;
  /** Fourth letter lowercase: editors may copy the chunk even after changing critical chunks. */
  readonly safeToCopy: boolean;
}

/** The property bits of a type (`'tEXt'` → ancillary, public, not reserved, safe to copy). */
export function chunkProperties(type: string): ChunkProperties {
  return {
    critical: (type.charCodeAt(0) & 0x20) === 0,
    private: (type.charCodeAt(1) & 0x20) !== 0,
    reserved: (type.charCodeAt(2) & 0x20) !== 0,
    safeToCopy: (type.charCodeAt(3) & 0x20) !== 0,
  };
}

/** True for 0x41-0x5A and 0x61-0x7A, the only bytes a chunk type may hold. */
export function isTypeByte(b: number): boolean {
  const u = b & ~0x20;
  return u >= 0x41 && u <= 0x5a;
}

/** Index (0-3) of the first byte of `bytes[at..at+4)` that is not a letter, or -1. */
export function badTypeByte(bytes: ArrayLike<number>, at: number): number {
  for (let i = 0; i < 4; i++) if (!isTypeByte(bytes[at + i] as number)) return i;
  return -1;
}

/** The four type bytes as a string (latin1), e.g. `IDAT`. */
export function typeName(bytes: ArrayLike<number>, at: number): string {
  return String.fromCharCode(
    bytes[at] as number,
    bytes[at + 1] as number,
    bytes[at + 2] as number,
    bytes[at + 3] as number,
  );
}
