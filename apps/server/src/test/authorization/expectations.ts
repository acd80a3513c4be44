import type { Role } from './world.ts';

/** The exact status each role must get from one route. Anything else fails, a 2xx above all. */
export type Expect = Record<Role, number>;

const OUTSIDERS_401 = {
  anonymous: 401,
  contact: 401,
  primaryContact: 401,
  colleagueContact: 401,
  otherCustomerContact: 401,
  foreignAdmin: 401,
  foreignContact: 401,
  foreignKey: 401,
} as const;

/** No session or key changes the answer (public routes). */
export function everyone(status: number): Expect {
  return {
    anonymous: status,
    contact: status,
    primaryContact: status,
    colleagueContact: status,
    otherCustomerContact: status,
    technician: status,
    admin: status,
    readKey: status,
    writeKey: status,
    foreignAdmin: status,
    foreignAdminOwnHost: status,
    foreignContact: status,
    foreignKey: status,
  };
}

interface ConsoleOpts {
  /** The success status. */
  ok: number;
  /** Unsafe methods: a read-only key gets 403 API_KEY_READ_ONLY. */
  write?: boolean;
  /** What another tenant's admin gets on its own host: `ok` for collections, 404 for the target's ids. */
  ownHost: number;
}

/** `access: 'technician'`: every technician of the tenant, and its API keys. */
export function technicians({ ok, write = false, ownHost }: ConsoleOpts): Expect {
  return { ...OUTSIDERS_401, technician: ok, admin: ok, readKey: write ? 403 : ok, writeKey: ok, foreignAdminOwnHost: ownHost };
}

/** `access: 'admin'`: a technician who is not an admin gets 403 FORBIDDEN; keys act as the admin who made them. */
export function admins(opts: ConsoleOpts & { apiKeys?: boolean }): Expect {
  const base = { ...technicians(opts), technician: 403 };
  return opts.apiKeys === false ? { ...base, readKey: 401, writeKey: 401 } : base;
}

/** A signed-in technician's own account: sessions only, never API keys. */
export function personal(ok: number): Expect {
  return { ...technicians({ ok, ownHost: ok }), readKey: 401, writeKey: 401 };
}

/** `access: 'contact'`: a contact's portal session on its own tenant's host, nothing else. */
export function contacts(ok: number): Expect {
  return { ...everyone(401), contact: ok, primaryContact: ok, colleagueContact: ok, otherCustomerContact: ok };
}

/**
 * A ticket of `contact` in the portal: its requester and the customer's primary contact
 * reach it; a colleague and another customer's contact get 404, as if it did not exist.
 */
export function ticketOfContact(ok: number): Expect {
  return { ...contacts(ok), colleagueContact: 404, otherCustomerContact: 404 };
}
