/**
 * The last bytes delivered in a direction, kept (copied into a small ring) so that a retransmission
 * of bytes already handed on can be told apart from a conflicting one: the held out-of-order bytes
 * are compared where they are, the delivered ones only as far back as this tail reaches. The ring is
 * allocated with the first data, so a connection that never sends any costs nothing.
 */
export class DeliveredTail {
  readonly #size: number;
  #ring: Uint8Array | undefined;
  /** The offset just past the last byte delivered. */
  #end = 0;
  /** The first offset whose byte the ring still holds. */
  #from = 0;

  constructor(size: number) {
    this.#size = size;
  }

  /** Bytes delivered at the end of the stream. */
  append(bytes: Uint8Array): void {
    const size = this.#size;
    const n = bytes.length;
    if (size > 0) {
      this.#ring ??= new Uint8Array(size);
      const ring = this.#ring;
      const kept = n > size ? bytes.subarray(n - size) : bytes;
      const at = (this.#end + n - kept.length) % size;
      const first = size - at;
      if (kept.length <= first) ring.set(kept, at);
      else {
        ring.set(kept.subarray(0, first), at);
        ring.set(kept.subarray(first), 0);
      }
    }
    this.#end += n;
    this.#from = Math.max(this.#from, this.#end - size);
  }

  /** A gap of `length` bytes at the end of the stream: nothing before it is known any more. */
  skip(length: number): void {
    this.#end += length;
    this.#from = this.#end;
  }

  /** True when `bytes`, a copy of the stream at `offset`, differs from a byte the tail holds. */
  differs(offset: number, bytes: Uint8Array): boolean {
    const ring = this.#ring;
    if (ring === undefined) return false;
    const lo = Math.max(offset, this.#from);
    const hi = Math.min(offset + bytes.length, this.#end);
    for (let x = lo; x < hi; x++) if (ring[x % this.#size] !== bytes[x - offset]) return true;
    return false;
  }
}
