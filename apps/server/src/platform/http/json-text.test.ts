import { describe, expect, it } from 'vitest';
import { joinedJson } from './json-text.ts';

describe('joinedJson (list answers written straight into one Buffer)', () => {
  it('is head, the items joined by commas, and tail, as UTF-8: multi-byte characters included', () => {
    const items = ['{"a":"é"}', '{"b":"中文 🎫"}', '{"c":"\\u2028 \u2028"}'];
    const body = joinedJson('{"items":[', items, '],"total":3}');
    expect(body.equals(Buffer.from(`{"items":[${items.join(',')}],"total":3}`, 'utf8'))).toBe(true);
    expect(JSON.parse(body.toString('utf8'))).toEqual({ items: [{ a: 'é' }, { b: '中文 🎫' }, { c: '\u2028 \u2028' }], total: 3 });
  });

  it('writes one item without a comma, and no items as an empty array', () => {
    expect(joinedJson('[', ['1'], ']').toString()).toBe('[1]');
    expect(joinedJson('{"items":[', [], ']}').toString()).toBe('{"items":[]}');
  });

  it('fills every byte it allocated (allocUnsafe would otherwise send old memory): a lone surrogate is counted as written', () => {
    const body = joinedJson('[', ['"\ud800"', '"x"'], ']');
    expect(body.toString('utf8')).toBe('["\ufffd","x"]');
  });
});
