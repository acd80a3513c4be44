import { escapeHtml } from '../../platform/http/sign-in-shell.ts';
import type { MailBrand } from './branding.service.ts';

/** The product's colour (theme indigo 7) when the tenant chose none. */
const DEFAULT_COLOR = '#4263eb';
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/**
 * D-4: the HTML part of a mail, beside its plain text: a header band in the tenant's colour
 * with its logo (else its name), then the text, every character escaped, its links clickable.
 * The text part stays the mail's content; this only dresses it.
 */
export function brandedMailHtml(brand: MailBrand, text: string): string {
  const color = brand.primaryColor && /^#[0-9a-f]{6}$/.test(brand.primaryColor) ? brand.primaryColor : DEFAULT_COLOR;
  const name = escapeHtml(brand.name);
  const header = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${name}" height="40" style="display:block;height:40px;max-width:200px;border:0">`
    : `<span style="color:#ffffff;font-size:20px;font-weight:700">${name}</span>`;
  const body = escapeHtml(text).replace(URL_IN_TEXT, (url) => `<a href="${url}" style="color:${color}">${url}</a>`);
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${name}</title></head>
<body style="margin:0;padding:0;background:#f1f3f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#212529">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f3f5"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px;overflow:hidden">
<tr><td data-brand-header style="background:${color};padding:16px 24px">${header}</td></tr>
<tr><td style="padding:24px;font-size:15px;line-height:1.5;white-space:pre-wrap">${body}</td></tr>
<tr><td style="padding:12px 24px;font-size:12px;color:#59606b;border-top:1px solid #e9ecef">${name}</td></tr>
</table></td></tr></table>
</body></html>`;
}
