import { describe, expect, it } from 'vitest';
import { CHECKPOINT, checkpointsOf, snippetFor } from './highlight.ts';

/** The excerpt found from the body's checkpoints is the one found by reading the body from its start (issue 11 item 3). */
describe('snippetFor with checkpoints', () => {
  // Stop words ("the", "to", "of" …) between the counted words, a hyphenated spelling, markdown, accents.
  const words = ['printer', 'the', 'toner', 'to', 'Wi-Fi', 'réseau', 'of', '**reset**', 'password', 'and', 'e-mail', 'queue', 'it', 'driver'];
  const body = Array.from({ length: 400 }, (_, i) => `${words[(i * 7) % words.length]}${i % 23 === 0 ? '.\n\n' : ''}`).join(' ');
  const matched = new Set(['printer', 'password', 'wifi', 'email', 'reseau']);

  it('keeps one offset per CHECKPOINT words that are not stop words', () => {
    const out: number[] = [];
    const n = checkpointsOf('en', body, out);
    expect(n).toBe(out.length);
    expect(n).toBeGreaterThan(10);
    expect(out.every((at, i) => i === 0 || at > (out[i - 1] as number))).toBe(true);
    expect(CHECKPOINT).toBeGreaterThan(1);
  });

  it('answers the same excerpt and highlights for every word number, with or without them', () => {
    const out: number[] = [];
    checkpointsOf('en', body, out);
    for (let word = 0; word < 330; word++) expect(snippetFor('en', body, matched, word, out), `word ${word}`).toEqual(snippetFor('en', body, matched, word));
    // A word number past the body's end: its beginning, both ways.
    expect(snippetFor('en', body, matched, 5000, out)).toEqual(snippetFor('en', body, matched, 5000));
  });
});
