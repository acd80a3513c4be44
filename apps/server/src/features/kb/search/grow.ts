/** Growable typed arrays for the search index: flat memory the garbage collector does not trace. */
type Typed = Int32Array | Uint8Array | Uint16Array | Float64Array;

/** `a` itself when it holds `size` items, else a copy at least twice as large. */
export function ensure<T extends Typed>(a: T, size: number): T {
  if (size <= a.length) return a;
  const next = new (a.constructor as new (n: number) => T)(Math.max(size, a.length * 2, 16));
  next.set(a);
  return next;
}

/** A list of int32 values in one buffer. */
export class IntList {
  buf: Int32Array;
  len = 0;
  constructor(capacity = 8) {
    this.buf = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.len === this.buf.length) this.buf = ensure(this.buf, this.len + 1);
    this.buf[this.len++] = v;
  }
  push2(a: number, b: number): void {
    if (this.len + 2 > this.buf.length) this.buf = ensure(this.buf, this.len + 2);
    this.buf[this.len++] = a;
    this.buf[this.len++] = b;
  }
  bytes(): number {
    return this.buf.byteLength + 48;
  }
}
