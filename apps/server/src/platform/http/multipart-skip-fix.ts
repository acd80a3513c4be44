import { createRequire } from 'node:module';

/**
 * Mends a hang in @fastify/busboy 3.2.6 (the parser under @fastify/multipart; newest release at
 * the time of writing, upstream not yet fixed).
 *
 * A part busboy skips (no Content-Disposition, or one that is not form-data) is drained with
 * `resume()`. When that part's data exceeds the part stream's high-water mark (16 KiB) within one
 * write, the parser (Dicer) pauses and keeps the write's callback until the part stream asks for
 * more. If the same write also ends the part and closes the body, the part ends without asking:
 * Dicer announces its finish while still paused, the pending callback is never called, busboy
 * never finishes, and `request.parts()` waits forever — a request that never gets an answer
 * (reproduced over real HTTP with a 17 KiB header-less part; found by the fuzz suite, #10).
 *
 * The mend: whenever Dicer announces that finish, it first releases a held callback, as it does
 * when a part ends before the body is closed. `multipart-skip-fix.test.ts` pins the behaviour
 * and fails if a busboy upgrade moves the internals this relies on.
 */
interface DicerInternals {
  _realFinish?: boolean;
  _pause?: boolean;
  _unpause?: () => void;
  emit(event: string | symbol, ...args: unknown[]): boolean;
}

let applied = false;

export function applyMultipartSkipFix(): void {
  if (applied) return;
  // busboy is @fastify/multipart's dependency, not ours: resolve it from there.
  const fromMultipart = createRequire(createRequire(import.meta.url).resolve('@fastify/multipart'));
  const Dicer = fromMultipart('@fastify/busboy/deps/dicer/lib/Dicer.js') as { prototype: DicerInternals };
  const proto = Dicer.prototype;
  if (typeof proto._unpause !== 'function') throw new Error('@fastify/busboy changed: Dicer#_unpause is gone; review platform/http/multipart-skip-fix.ts');
  const emit = proto.emit;
  proto.emit = function (this: DicerInternals, event: string | symbol, ...args: unknown[]) {
    if (event === 'finish' && this._realFinish === true && this._pause === true) this._unpause?.();
    return emit.call(this, event, ...args);
  };
  applied = true;
}
