/** `Zoë O'Brien-Ricci` → `zoe.obrien-ricci`: ASCII, lowercase, readable, at most 40 characters. */
export function usernameBase(firstName: string, lastName: string, email: string): string {
  const clean = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '')
      .replace(/^-+|-+$/g, '');
  const parts = [clean(firstName), clean(lastName)].filter(Boolean);
  const fromName = parts.join('.');
  const fromEmail = clean(email.split('@')[0] ?? '');
  return (fromName || fromEmail || 'user').slice(0, 40);
}

/** The first of `base`, `base2`, `base3`, … not in `taken` (a Set is used as it is: an import picks thousands). */
export function nextFreeUsername(base: string, taken: Iterable<string>): string {
  const used: ReadonlySet<string> = taken instanceof Set ? taken : new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
