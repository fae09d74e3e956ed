/**
 * The frame of any offset of a reassembled stream. Every data event's bytes come from one frame, so
 * recording (offset, frame) per data event is enough to answer "which frame holds byte N" — what
 * `stride pcap dissect` reports for a message's first byte. Consecutive events of the same frame
 * share an entry; `discardBefore` drops what a consumer has parsed past, so the index stays as small
 * as the bytes it still waits on.
 */
export class FrameIndex {
  #offsets: number[] = [];
  #frames: number[] = [];
  /** Entries before this index were discarded. */
  #head = 0;

  /** A data event: bytes from `offset` on come from `frame` (offsets increase from call to call). */
  add(offset: number, frame: number): void {
    const last = this.#frames.length - 1;
    if (last >= this.#head && this.#frames[last] === frame) return;
    this.#offsets.push(offset);
    this.#frames.push(frame);
  }

  /** The frame holding the byte at `offset`, or undefined before the first entry kept. */
  frameAt(offset: number): number | undefined {
    let lo = this.#head;
    let hi = this.#offsets.length - 1;
    if (hi < lo || offset < (this.#offsets[lo] as number)) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.#offsets[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return this.#frames[lo];
  }

  /** Forgets the entries only offsets below `offset` need. */
  discardBefore(offset: number): void {
    while (this.#head + 1 < this.#offsets.length && (this.#offsets[this.#head + 1] as number) <= offset) {
      this.#head++;
    }
    if (this.#head > 1024 && this.#head * 2 > this.#offsets.length) {
      this.#offsets = this.#offsets.slice(this.#head);
      this.#frames = this.#frames.slice(this.#head);
      this.#head = 0;
    }
  }
}
