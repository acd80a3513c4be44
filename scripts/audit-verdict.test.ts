// Issue 15 item 7: the CI audit step's verdict on npm's report (npm audit --json, report v2).
import { describe, expect, it } from 'vitest';
import { auditVerdict } from './audit-verdict.mjs';

const advisory = (severity: string, title: string) => ({ source: 1, name: 'x', title, severity, url: 'https://github.com/advisories/GHSA-x' });
const report = (vulnerabilities: Record<string, { severity: string; via: unknown[]; range?: string }>) => {
  const counts = { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0 };
  for (const v of Object.values(vulnerabilities)) {
    counts[v.severity as keyof typeof counts] += 1;
    counts.total += 1;
  }
  return { auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts, dependencies: { prod: 120 } } };
};

describe('npm audit verdict (issue 15 item 7)', () => {
  it('passes a clean report', () => {
    expect(auditVerdict(report({})).outcome).toBe('passed');
  });

  it('passes low and moderate advisories, naming their counts', () => {
    const v = auditVerdict(report({ a: { severity: 'moderate', via: [advisory('moderate', 'ReDoS')] }, b: { severity: 'low', via: ['a'] } }));
    expect(v.outcome).toBe('passed');
    expect(v.lines[0]).toContain('moderate 1');
  });

  it('fails on a high or a critical advisory and names the package and advisory', () => {
    for (const severity of ['high', 'critical']) {
      const v = auditVerdict(report({ fastify: { severity, range: '<5.3.2', via: [advisory(severity, 'Content-Type parsing bypass')] } }));
      expect(v.outcome).toBe('failed');
      expect(v.lines.join('\n')).toContain(`${severity}: fastify <5.3.2 (Content-Type parsing bypass)`);
    }
  });

  it('reports an unreachable advisory database as not performed, never as passed', () => {
    const v = auditVerdict({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 });
    expect(v.outcome).toBe('unavailable');
    expect(v.lines[0]).toContain('405 Method Not Allowed');
    expect(auditVerdict(undefined).outcome).toBe('unavailable');
  });
});
