import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../assertions.ts';
import type { Method, Response } from '../client.ts';
import { useTestApp } from '../harness.ts';
import { TABLE } from './routes.table.ts';
import { actorFor, buildWorld, ROLES, type Role, type World } from './world.ts';

/**
 * Invariant 2 (P-3): every /api/v1 route, called as every role, answers exactly what the
 * table says. Any other answer fails, an unexpected 2xx above all; a denied write must
 * leave its target unchanged; an object of another tenant is a 404, never a 403.
 */
const registered: string[] = [];
const t = useTestApp({
  // Custom-domain checks (D-2) ask a DNS server that refuses at once (the discard port on
  // loopback): the suite tests who may call, not the DNS, and never waits on the network.
  env: { PORTA_DNS_SERVERS: '127.0.0.1:9' },
  build: {
    onRoute(route) {
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD' && route.url.startsWith('/api/v1')) registered.push(`${method} ${route.url}`);
      }
    },
  },
});
let w: World;

beforeAll(async () => {
  w = await buildWorld(t.app, t.ctx);
});

const METHODS: readonly string[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
function methodOf(route: string): Method {
  const m = route.split(' ')[0] ?? '';
  if (!METHODS.includes(m)) throw new Error(`unexpected method in ${route}`);
  return m as Method;
}

/** Ids a role's successful answer must never contain: other tenants', other customers'. */
function forbiddenIds(role: Role): string[] {
  const p = w.people;
  if (role === 'foreignAdminOwnHost') return w.targetIds;
  if (role === 'contact' || role === 'primaryContact') return [w.customerB.id, p.otherCustomerContact.id];
  // a colleague who is not the primary contact never sees another person's ticket.
  if (role === 'colleagueContact') return [w.customerB.id, p.otherCustomerContact.id, w.ticket.id];
  if (role === 'otherCustomerContact') return [w.customerA.id, p.contact.id, p.primaryContact.id, p.colleagueContact.id, w.ticket.id];
  return [];
}

function checkAnswer(role: Role, expected: number, res: Response): string | null {
  if (res.statusCode !== expected) return `${role}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`;
  if (expected >= 400) {
    const code = errorOf(res)?.code;
    if (!code) return `${role}: ${expected} without the error shape: ${res.body.slice(0, 160)}`;
    if (expected === 404 && !code.endsWith('NOT_FOUND')) return `${role}: 404 with code ${code}`;
    return null;
  }
  const leaked = forbiddenIds(role).filter((id) => res.body.includes(id));
  return leaked.length > 0 ? `${role}: the answer contains ids it may not see: ${leaked.join(', ')}` : null;
}

describe('authorization: every route × every role (invariant 2)', () => {
  it('every registered /api/v1 route has a row in the table, and every row a route', () => {
    const rows = Object.keys(TABLE);
    const missing = registered.filter((r) => !rows.includes(r));
    const stale = rows.filter((r) => !registered.includes(r));
    expect({ missing, stale }, 'add a row to test/authorization/routes.table.ts for each new route').toEqual({ missing: [], stale: [] });
    expect(registered.length).toBeGreaterThan(30);
  });

  for (const [route, row] of Object.entries(TABLE)) {
    it(route, async () => {
      const method = methodOf(route);
      const problems: string[] = [];
      for (const role of ROLES) {
        const actor = await actorFor(w, role, row.freshCaller ?? false);
        const call = await row.call(w, actor);
        const expected = row.expect[role];
        const before = expected >= 400 && call.snapshot ? await call.snapshot() : undefined;
        const res = await actor.client.request(method, call.url, { ...(call.body !== undefined && { body: call.body }), ...(call.headers && { headers: call.headers }) });
        const problem = checkAnswer(role, expected, res);
        if (problem) problems.push(problem);
        if (expected >= 400 && call.snapshot && !isDeepStrictEqual(before, await call.snapshot())) {
          problems.push(`${role}: was refused, yet the target changed`);
        }
        await call.after?.();
      }
      expect(problems).toEqual([]);
    });
  }
});
