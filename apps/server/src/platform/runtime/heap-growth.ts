import v8 from 'node:v8';

/**
 * Issue 16 item 4: how far V8 lets the old generation grow before its next full collection.
 * V8 picks the factor itself, up to 4× what survived the last collection on a machine with
 * memory to spare; under the list load that let a server with ~70 MB live grow to ~300 MB
 * between two collections, each of which then took ~10 ms. Porta's heap is mostly short-lived
 * request garbage, so a smaller factor costs a collection a second or so and keeps resident
 * memory near 1.7× what is live. 70 (the default) and 100 measured no CPU per request above
 * V8's choice within the host's noise; 50 measured 15–30 % more (bench/README.md, "Issue 16").
 * 0 leaves V8's own heuristics. Set once at start, before the server allocates much.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
