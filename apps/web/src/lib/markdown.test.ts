import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown';

// The browser sanitises once more with DOMPurify (e2e/tickets.spec.ts checks it in Chromium);
// here, without a DOM, this checks the first line of defence: Markdown never passes HTML through.
describe('markdownToHtml', () => {
  it('renders Markdown and escapes raw HTML', () => {
    const html = markdownToHtml('**bold** <script>alert(1)</script> <img src=x onerror=alert(1)>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('never makes javascript: links, and shows images as text', () => {
    const html = markdownToHtml('[x](javascript:alert(1)) ![pic](https://example.com/a.png)');
    expect(html).not.toContain('href="javascript:');
    expect(html).not.toContain('<img');
  });

  it('writes a table column\'s alignment as an align attribute, never a style attribute (the CSP refuses those)', () => {
    const html = markdownToHtml('| Port | Speed | Note |\n|:-----|------:|:----:|\n| A1 | 1 Gbit/s | ok |');
    expect(html).not.toContain('style=');
    expect(html).toContain('<th align="left">Port</th>');
    expect(html).toContain('<th align="right">Speed</th>');
    expect(html).toContain('<td align="center">ok</td>');
  });

  it('links plain URLs', () => {
    expect(markdownToHtml('see https://example.com/help')).toContain('<a href="https://example.com/help"');
  });
});

describe('markdownToHtml with images (a tenant KB option)', () => {
  it('renders images only when asked, and never javascript: or data: sources from markdown-it', () => {
    expect(markdownToHtml('![pic](https://example.com/a.png)', { images: true })).toContain('<img src="https://example.com/a.png"');
    expect(markdownToHtml('![pic](https://example.com/a.png)')).not.toContain('<img');
    expect(markdownToHtml('![x](javascript:alert(1))', { images: true })).not.toContain('src="javascript:');
    expect(markdownToHtml('<img src=x onerror=alert(1)>', { images: true })).not.toContain('<img');
  });
});
