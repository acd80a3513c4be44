import { portalMailPrefsPatchSchema, portalMailPrefsSchema } from '@porta/contracts/mail';
import type { AppContext } from '../../platform/context.ts';
import { contactOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { updateContact } from '../contacts/contacts.repo.ts';

const contact = { access: 'contact' } as const;
const tags = ['portal'];

/** Issue 5, item 4: primary contacts opt in to mail about every ticket of their company. */
export function portalMailPrefsRoutes(app: ZodApp, ctx: AppContext): void {
  const read = async (tenantId: string, id: string, isPrimary: boolean) => {
    const row = await ctx.db.selectFrom('contacts').select('notify_company_tickets').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('CONTACT_NOT_FOUND');
    return { notifyCompanyTickets: isPrimary && row.notify_company_tickets, canNotifyCompany: isPrimary };
  };

  app.get('/api/v1/portal/me/mail', { config: contact, schema: { tags, response: { 200: portalMailPrefsSchema } } }, async (req) => {
    const me = contactOf(req);
    return read(me.tenantId, me.id, me.isPrimary);
  });

  app.patch('/api/v1/portal/me/mail', { config: contact, schema: { tags, body: portalMailPrefsPatchSchema, response: { 200: portalMailPrefsSchema } } }, async (req) => {
    const me = contactOf(req);
    // only primary contacts see the company's tickets, so only they may hear about them.
    if (!me.isPrimary) throw new AppError('FORBIDDEN');
    await updateContact(ctx.db, me.tenantId, me.id, { notify_company_tickets: req.body.notifyCompanyTickets });
    return read(me.tenantId, me.id, me.isPrimary);
  });
}
