import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * Markdown of ticket descriptions and comments → safe HTML. Raw HTML is never passed through
 * (html: false), images are off (the CSP would block foreign hosts anyway; a link is clearer),
 * and the result is sanitised once more, so nothing a contact writes can run in a technician's browser.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.disable(['image']);

const LINK_REL = 'noopener noreferrer nofollow';

let hooked = false;
function purifier() {
  if (!hooked) {
    // Every link opens in a new tab without handing this window or the referrer to the target.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        if (node.getAttribute('href')) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', LINK_REL);
        } else {
          node.removeAttribute('target');
        }
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

/** Markdown → HTML with every HTML tag of the source escaped (the first line of defence). */
export function markdownToHtml(source: string): string {
  return md.render(source);
}

/** What the page shows: markdownToHtml, sanitised by DOMPurify against an allow-list. */
export function renderMarkdown(source: string): string {
  return purifier().sanitize(markdownToHtml(source), { ALLOWED_TAGS, ALLOWED_ATTR: ['href', 'target', 'rel', 'start', 'colspan', 'rowspan', 'align'] });
}
