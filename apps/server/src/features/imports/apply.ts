import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { enqueueMany } from '../../platform/events/outbox.ts';
import { importedSecret } from '../contacts/contacts.service.ts';
import { nextFreeUsername, usernameBase } from '../contacts/username.ts';
import * as repo from './imports.repo.ts';
import type { ContactPlan } from './plan-contacts.ts';
import type { CustomerPlan } from './plan-customers.ts';

/** Rows written so far of all the plan writes (creates and updates), after each batch. */
export type Progress = (done: number, total: number) => void | Promise<void>;

/** Writes a customer plan in the caller's transaction, batch by batch. */
export async function applyCustomers(trx: Db, tenantId: string, plan: CustomerPlan, progress: Progress): Promise<void> {
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  await progress(done, total);
  for (const part of repo.chunks(plan.creates)) {
    await repo.insertCustomers(trx, tenantId, part);
    await repo.replaceDomainsOf(trx, tenantId, [], part.flatMap((c) => c.domains.map((domain) => ({ customerId: c.id, domain }))));
    done += part.length;
    await progress(done, total);
  }
  for (const part of repo.chunks(plan.updates)) {
    const withDomains = part.filter((u): u is { id: string; domains: string[] } => u.domains !== null);
    await repo.replaceDomainsOf(
      trx,
      tenantId,
      withDomains.map((u) => u.id),
      withDomains.flatMap((u) => u.domains.map((domain) => ({ customerId: u.id, domain }))),
    );
    await repo.touchCustomers(trx, tenantId, part.map((u) => u.id));
    done += part.length;
    await progress(done, total);
  }
}

/**
 * Writes a contact plan in the caller's transaction: each new contact gets a unique username
 * and a generated password (A-1, hashed at its first use) and its `contact.created` event,
 * which queues the welcome e-mail only when the import asked for it.
 */
export async function applyContacts(ctx: AppContext, trx: Db, tenantId: string, plan: ContactPlan, sendWelcome: boolean, progress: Progress): Promise<void> {
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  const taken = new Set(await repo.contactUsernames(trx, tenantId));
  await progress(done, total);
  for (const part of repo.chunks(plan.creates)) {
    const rows = part.map((c) => {
      const username = nextFreeUsername(usernameBase(c.firstName, c.lastName, c.email), taken);
      taken.add(username);
      return {
        id: randomUUID(),
        tenant_id: tenantId,
        customer_id: c.customerId,
        first_name: c.firstName,
        last_name: c.lastName,
        email: c.email,
        username,
        is_primary: c.isPrimary,
        language: c.language,
        phone: c.phone,
        welcome_sent_at: sendWelcome ? new Date() : null,
        ...importedSecret(ctx),
      };
    });
    await repo.insertContacts(trx, rows);
    await enqueueMany(trx, tenantId, 'contact.created', rows.map((r) => ({ payload: { contactId: r.id, sendWelcome } })));
    done += part.length;
    await progress(done, total);
  }
  for (const part of repo.chunks(plan.updates)) {
    await repo.updateContacts(trx, tenantId, part);
    done += part.length;
    await progress(done, total);
  }
}
