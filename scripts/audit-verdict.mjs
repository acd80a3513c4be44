// The verdict on `npm audit --omit=dev --json` output (issue 15 item 7): production dependencies
// with a high or critical advisory fail; when the advisory database could not be asked, the audit
// did not happen, and that is said rather than passed.

/** Severities that fail the audit. */
export const FAILING = ['high', 'critical'];

/**
 * @param {unknown} report the parsed JSON npm printed
 * @returns {{ outcome: 'passed' | 'failed' | 'unavailable', lines: string[] }}
 */
export function auditVerdict(report) {
  if (!report || typeof report !== 'object') return { outcome: 'unavailable', lines: ['npm audit printed no report'] };
  const r = /** @type {Record<string, unknown>} */ (report);
  const meta = /** @type {{ vulnerabilities?: Record<string, number> } | undefined} */ (r.metadata);
  if (!meta?.vulnerabilities) {
    const why = typeof r.message === 'string' ? r.message : JSON.stringify(r.error ?? r).slice(0, 300);
    return { outcome: 'unavailable', lines: [`the advisory database could not be asked: ${why}`] };
  }
  const vulns = /** @type {Record<string, { severity: string, via: unknown[], range?: string }>} */ (r.vulnerabilities ?? {});
  const bad = Object.entries(vulns).filter(([, v]) => FAILING.includes(v.severity));
  const counts = Object.entries(meta.vulnerabilities).filter(([k]) => k !== 'total').map(([k, n]) => `${k} ${n}`).join(', ');
  const lines = [`advisories in production dependencies: ${counts}`];
  for (const [name, v] of bad) {
    const titles = v.via.filter((x) => typeof x === 'object' && x !== null).map((x) => /** @type {{ title?: string }} */ (x).title).filter(Boolean);
    lines.push(`  ${v.severity}: ${name}${v.range ? ` ${v.range}` : ''}${titles.length ? ` (${titles.join('; ')})` : ''}`);
  }
  return { outcome: bad.length > 0 ? 'failed' : 'passed', lines };
}
