import { describe, expect, it } from 'vitest';
import { MARK_END, MARK_START } from './kb-portal.repo.ts';
import { snippetOf } from './snippet.ts';

const m = (word: string) => `${MARK_START}${word}${MARK_END}`;

describe('snippetOf (KB-3 search excerpts)', () => {
  it('turns the headline markers into offsets over plain text', () => {
    const { text, highlights } = snippetOf(`Riavvia lo ${m('spooler')} della ${m('stampante')}.`);
    expect(text).toBe('Riavvia lo spooler della stampante.');
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['spooler', 'stampante']);
  });

  it('drops Markdown syntax but keeps the words, and the offsets stay right', () => {
    const { text, highlights } = snippetOf(`## Steps\n1. Restart the **${m('printer')}**\n> see [the ${m('manual')}](https://x.example)`);
    expect(text).toBe('Steps Restart the printer see the manual');
    expect(highlights.map(([s, e]) => text.slice(s, e))).toEqual(['printer', 'manual']);
  });

  it('keeps markup as text: the browser shows it, never runs it', () => {
    const { text } = snippetOf(`<script>alert(1)</script> ${m('router')}`);
    expect(text).toContain('<script>alert(1)</script>');
  });

  it('cuts long excerpts at a word and keeps only the highlights inside', () => {
    const long = `${'word '.repeat(60)}${m('late')}`;
    const { text, highlights } = snippetOf(long);
    expect(text.length).toBeLessThanOrEqual(242);
    expect(text.endsWith(' …')).toBe(true);
    expect(highlights).toEqual([]);
  });

  it('ignores an unmatched or empty marker', () => {
    expect(snippetOf(`a ${MARK_END}b${MARK_START}${MARK_END} c`)).toEqual({ text: 'a b c', highlights: [] });
  });
});
