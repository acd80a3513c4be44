/**
 * A load that answers only when the test says so, counting how often it was started: for
 * tests of what happens while a read is running (platform/cache/single-flight.ts and its users).
 */
export function gated<V>() {
  let started = 0;
  const waiting: { resolve: (v: V) => void; reject: (e: Error) => void }[] = [];
  return {
    load: () =>
      new Promise<V>((resolve, reject) => {
        started++;
        waiting.push({ resolve, reject });
      }),
    started: () => started,
    /** Answers the oldest load still waiting. */
    release: (v: V) => waiting.shift()?.resolve(v),
    fail: (e: Error) => waiting.shift()?.reject(e),
  };
}

/** Lets every pending promise chain run (one turn of the event loop). */
export const tick = () => new Promise((r) => setImmediate(r));
