/** A growable list of (slot, position) pairs in one Int32Array: a term's occurrences. */
export class Postings {
  buf = new Int32Array(8);
  len = 0;
  push(slot: number, position: number): void {
    if (this.len + 2 > this.buf.length) {
      const next = new Int32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.len++] = slot;
    this.buf[this.len++] = position;
  }
  /** Drops the pairs of slots no longer alive (after many removals). */
  compact(alive: (slot: number) => boolean): void {
    let w = 0;
    for (let r = 0; r < this.len; r += 2) {
      if (alive(this.buf[r] as number)) {
        this.buf[w++] = this.buf[r] as number;
        this.buf[w++] = this.buf[r + 1] as number;
      }
    }
    this.len = w;
  }
  bytes(): number {
    return this.buf.byteLength + 32;
  }
}

/** Body positions start here, so a title position is always smaller and the two never look close. */
export const BODY = 1 << 28;
