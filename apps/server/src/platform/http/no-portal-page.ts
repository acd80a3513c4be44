import type { Language } from '@porta/contracts/common';
import { translate } from '@porta/i18n/translate';

/**
 * The page a browser gets on a host that names no tenant when the install has no default
 * tenant (`porta tenant default none`): it says only that no portal answers here, so it
 * reveals neither which tenants exist nor what they are called.
 */
export function noPortalPage(lang: Language): string {
  const title = translate(lang, 'common', 'noPortal.title');
  const text = translate(lang, 'common', 'noPortal.text');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;min-height:100vh;display:grid;place-items:center;background:#f8f9fa;color:#212529}main{max-width:32rem;padding:2rem;text-align:center}h1{font-size:1.5rem}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${text}</p>
</main>
</body>
</html>
`;
}
