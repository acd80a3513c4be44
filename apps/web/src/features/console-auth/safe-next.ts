/** Where to go after sign-in: only a console path of this site, never another origin. */
export function safeConsolePath(next: string | null): string {
  if (next && next.startsWith('/console/') && !next.startsWith('//') && !next.startsWith('/console/login')) return next;
  return '/console/customers';
}
