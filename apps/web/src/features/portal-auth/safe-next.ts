/** Where to go after portal sign-in: only a portal path of this site, never the console or another origin. */
export function safePortalPath(next: string | null): string {
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/console') && !next.startsWith('/login')) return next;
  return '/';
}
