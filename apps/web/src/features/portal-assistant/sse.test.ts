import { describe, expect, it } from 'vitest';
import { SseParser } from './sse';

const STREAM = 'event: delta\ndata: {"text":"Cia"}\n\nevent: delta\ndata: {"text":"o!"}\n\n: keep-alive\n\nevent: done\ndata: {"a":1,\ndata: "b":2}\n\n';

describe('SseParser', () => {
  it('reads named events, joins multi-line data, skips comments', () => {
    const parser = new SseParser();
    expect(parser.push(STREAM)).toEqual([
      { event: 'delta', data: '{"text":"Cia"}' },
      { event: 'delta', data: '{"text":"o!"}' },
      { event: 'done', data: '{"a":1,\n"b":2}' },
    ]);
    expect(parser.end()).toEqual([]);
  });

  it('gives the same events whatever the chunk boundaries, with \\n, \\r\\n or \\r line ends', () => {
    const whole = new SseParser().push(STREAM);
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = STREAM.replaceAll('\n', eol);
      for (let size = 1; size <= 7; size++) {
        const parser = new SseParser();
        const events = [];
        for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)));
        events.push(...parser.end());
        expect(events, `eol ${JSON.stringify(eol)} chunk ${size}`).toEqual(whole);
      }
    }
  });

  it('a message without a name is "message"; a field without a colon or a space after it still counts; id and retry are ignored', () => {
    const parser = new SseParser();
    expect(parser.push('id: 7\nretry: 100\ndata:x\ndata\n\nevent: ping\n\n')).toEqual([{ event: 'message', data: 'x\n' }]);
  });

  it('dispatches a last event whose blank line never came when the stream ends', () => {
    const parser = new SseParser();
    expect(parser.push('event: done\ndata: {}')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'done', data: '{}' }]);
  });
});
