import v8 from 'node:v8';

/**
 * Issue 16 item 4: how far V8 lets the old generation grow before its next full collection.
 * V8 picks the factor itself, up to 4× what survived the last collection on a machine with
 * memory to spare; under the list load that let a server with ~70 MB live grow to ~300 MB
 * between two collections, each of which then took ~10 ms. Porta's heap is mostly short-lived
 * request garbage, so a smaller factor costs a collection a second or so and keeps resident
 * memory near twice what is live. 100 (2×) measured no throughput loss against V8's choice;
 * 50 measured ~15 % more CPU per request (bench/README.md, "Issue 16").
 * 0 leaves V8's own heuristics. Set once at start, before the server allocates much.
 */
export function applyHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
