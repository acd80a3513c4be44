import type { Language } from '@porta/contracts/common';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import type { Database } from '../../platform/db/schema.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { insertTechnician } from '../technicians/technicians.repo.ts';
import { insertTenant } from './tenants.repo.ts';
import { insertDefaultStatuses } from '../ticket-statuses/ticket-statuses.repo.ts';

export interface NewTenant {
  slug: string;
  name: string;
  language?: Language;
  admin: { name: string; email: string; password: string };
}

/**
 * A tenant and its first admin, together or not at all. Used by setup, the CLI and the demo.
 * `before` runs first in the same transaction (setup claims its one-time token there).
 */
export async function createTenantWithAdmin(ctx: AppContext, input: NewTenant, before?: (trx: Transaction<Database>) => Promise<void>) {
  const passwordHash = await hashPassword(input.admin.password);
  const created = await ctx.db
    .transaction()
    .execute(async (trx) => {
      if (before) await before(trx);
      const tenant = await insertTenant(trx, { slug: input.slug, name: input.name, defaultLanguage: input.language ?? 'en' });
      await insertDefaultStatuses(trx, tenant.id);
      const admin = await insertTechnician(trx, tenant.id, {
        name: input.admin.name,
        email: input.admin.email,
        passwordHash,
        isAdmin: true,
        language: input.language ?? 'en',
      });
      return { tenant, admin };
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err, 'tenants_slug_key')) throw new AppError('TENANT_SLUG_TAKEN');
      throw err;
    });
  // Its `<slug>` host (and, for the first tenant, every other host) now names it, on every node.
  await ctx.bus.publish({ topic: 'tenants.changed' });
  return created;
}
