/**
 * AI-5a, prompt injection: what of a message is the contact's own request. Quoted mail lines,
 * forwarded headers, fake "system:" / "technician:" lines, links and encoded blobs are data,
 * never instructions: they are cut before the engine reads the text, and flagged.
 */
export interface Cleaned {
  text: string;
  /** Something aimed at a model was cut (role line, link, encoded text, "ignore previous instructions"); quoted mail alone is not. */
  suspicious: boolean;
  hadUrl: boolean;
}

const ROLE_LINE = /^\s*[[(<]?\s*(system|sys|assistant|admin(istrator)?|root|developer|technician|technicien|techniker|t[eé]cnico|operator|operatore|support|it[- ]support|helpdesk|ai|bot|model)\s*[\])>]?\s*[:>-]/i;
const QUOTE_LINE = /^\s*[>|]/;
/** A forwarded or replied-to mail starts here: everything after it is quoted. */
const QUOTE_START = /^\s*(-{2,}.*(original|forward|weitergeleitet|message d.origine|messaggio originale|mensaje original|urspr[uü]ngliche).*|(from|de|von|da|sent|envoy[eé]|gesendet|enviado|inviato)\s*:.*@.*|on .+ wrote:|le .+ a [eé]crit\s*:|am .+ schrieb .+:|el .+ escribi[oó]:|il .+ ha scritto:)\s*$/i;
const URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)\S+/gi;
/** Long runs of base64-looking characters: 16+ with a digit, "+", "/", "=" or several capitals inside a word. */
const BLOB = /[A-Za-z0-9+/]{16,}={0,2}/g;
const isBlob = (run: string): boolean => /[\d+/=]/.test(run) || (run.slice(1).match(/[A-Z]/g)?.length ?? 0) >= 3;
/** Words that may follow "instructions" in an override ("… instructions précédentes"). */
const AFTER = String.raw`(?:\s+(?:above|before|given|so far|pr[eé]c[eé]dent\p{L}*|precedent\p{L}*|anterior\p{L}*|vorherig\p{L}*|bisherig\p{L}*|obig\p{L}*))?`;
/** Meta-instructions aimed at a model, in the five languages: they carry no request of their own. */
const OVERRIDE = [
  new RegExp(String.raw`\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,40}?\b(instructions?|rules?|prompts?|polic(y|ies)|guidelines?|restrictions?)\b` + AFTER, 'giu'),
  /\byou are now\b[^.!?\n,]*/gi,
  /\b(act|pretend|behave) as\b[^.!?\n,]*/gi,
  /\b(developer|admin|god|dan|jailbreak) mode\b/gi,
  new RegExp(String.raw`\b(ignore[rz]?|oublie[rz]?)\b[^.!?\n]{0,40}?\b(instructions?|consignes?|r[eè]gles?)\b` + AFTER, 'giu'),
  new RegExp(String.raw`\b(ignorier\w*|vergiss)\b[^.!?\n]{0,40}?\b(anweisungen|regeln|vorgaben)\b` + AFTER, 'giu'),
  new RegExp(String.raw`\b(ignora\w*|olvida\w*|dimentica\w*)\b[^.!?\n]{0,40}?\b(instrucciones|reglas|istruzioni|regole)\b` + AFTER, 'giu'),
  // "forget everything above", "olvida todo lo anterior", "oublie tout ce qui précède", "vergiss alles Bisherige", "dimentica tutto quanto detto prima".
  new RegExp(
    String.raw`\b(forget|ignore|disregard|olvida\w*|ignora\w*|oublie[rz]?|ignore[rz]?|vergiss|ignorier\w*|dimentica\w*)\s+(everything|all|todo|tout|alles|tutto)\b[^.!?\n]{0,30}?\b(above|before|previous\w*|earlier|anterior\w*|pr[eé]c[eè]d\p{L}*|vorherig\p{L}*|bisherig\p{L}*|oben|sopra|precedent\p{L}*|prima)\b`,
    'giu',
  ),
  /\b(decode|d[eé]code[rz]?|dekodier\w*|decodifica\w*)\b[^.!?\n]*/gi,
];

export function clean(raw: string): Cleaned {
  let suspicious = false;
  const kept: string[] = [];
  for (const line of raw.normalize('NFKC').split(/\r?\n/)) {
    if (QUOTE_START.test(line)) break;
    if (QUOTE_LINE.test(line)) continue;
    if (ROLE_LINE.test(line)) {
      suspicious = true;
      continue;
    }
    kept.push(line);
  }
  let text = kept.join('\n');
  const hadUrl = URL.test(text);
  URL.lastIndex = 0;
  text = text.replace(URL, ' ');
  const before = text;
  text = text.replace(BLOB, (run) => (isBlob(run) ? ' ' : run));
  // A cut instruction ends a clause: "… and restart it" opens the next one.
  for (const re of OVERRIDE) text = text.replace(re, ' . ');
  if (text !== before || hadUrl) suspicious = true;
  return { text, suspicious, hadUrl };
}
