import type { PageQuery } from '@porta/contracts/common';
import type { customerCreateSchema, customerUpdateSchema } from '@porta/contracts/customers';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, isStillReferenced, isUniqueViolation } from '../../platform/errors.ts';
import * as repo from './customers.repo.ts';

async function setDomains(db: Db, tenantId: string, customerId: string, domains: string[]) {
  const unique = [...new Set(domains)];
  const taken = await repo.domainsTakenElsewhere(db, tenantId, customerId, unique);
  if (taken[0]) throw new AppError('DOMAIN_TAKEN', { domain: taken[0] });
  await repo.replaceDomains(db, tenantId, customerId, unique);
}

/** Another customer claimed one of these domains between the check and the write. */
function mapUnique(domains: string[] | undefined) {
  return (err: unknown): never => {
    if (isUniqueViolation(err, 'customer_domains_pkey')) throw new AppError('DOMAIN_TAKEN', { domain: [...new Set(domains)].join(', ') });
    throw err;
  };
}

export function listCustomers(ctx: AppContext, tenantId: string, q: PageQuery) {
  return repo.listCustomers(ctx.db, tenantId, q);
}

export async function getCustomer(db: Db, tenantId: string, id: string) {
  const row = await repo.findCustomer(db, tenantId, id);
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  return row;
}

export async function createCustomer(ctx: AppContext, tenantId: string, input: z.infer<typeof customerCreateSchema>) {
  const id = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const { id } = await repo.insertCustomer(trx, tenantId, input.name);
      await setDomains(trx, tenantId, id, input.domains);
      return id;
    })
    .catch(mapUnique(input.domains));
  return getCustomer(ctx.db, tenantId, id);
}

export async function updateCustomer(ctx: AppContext, tenantId: string, id: string, input: z.infer<typeof customerUpdateSchema>) {
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      if (!(await repo.updateCustomerName(trx, tenantId, id, input.name))) throw new AppError('CUSTOMER_NOT_FOUND');
      if (input.domains) await setDomains(trx, tenantId, id, input.domains);
    })
    .catch(mapUnique(input.domains));
  return getCustomer(ctx.db, tenantId, id);
}

export async function deleteCustomer(ctx: AppContext, tenantId: string, id: string): Promise<void> {
  const row = await getCustomer(ctx.db, tenantId, id);
  if (Number(row.contact_count) > 0) throw new AppError('CUSTOMER_HAS_CONTACTS');
  try {
    if (!(await repo.deleteCustomer(ctx.db, tenantId, id))) throw new AppError('CUSTOMER_NOT_FOUND');
  } catch (err) {
    // A contact added meanwhile holds the row (foreign key, on delete restrict).
    if (isStillReferenced(err)) throw new AppError('CUSTOMER_HAS_CONTACTS');
    throw err;
  }
}
