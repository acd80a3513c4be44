import type { Onboarding, OnboardingStep } from '@porta/contracts/onboarding';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getMailSettings } from '../mail/mail-settings.service.ts';
import * as repo from './onboarding.repo.ts';

/**
 * Issue 9 item 5: the first-run checklist, each step read from real data.
 * - mail: outgoing mail reaches people (the tenant's SMTP server or the global relay);
 * - customer, contact: at least one exists;
 * - kbArticle: at least one published article (what contacts can read);
 * - portalAddress: an admin or technician copied or opened the portal address from the
 *   checklist (recorded per tenant): the address has left the console to reach customers.
 */
export async function getOnboarding(ctx: AppContext, tenantId: string): Promise<Onboarding> {
  const [progress, mail] = await Promise.all([repo.readProgress(ctx.db, tenantId), getMailSettings(ctx, tenantId)]);
  if (!progress) throw new AppError('TENANT_NOT_FOUND');
  const done: Record<OnboardingStep, boolean> = {
    mail: mail.delivery !== 'none',
    customer: Boolean(progress.customer),
    contact: Boolean(progress.contact),
    kbArticle: Boolean(progress.kbArticle),
    portalAddress: Boolean(progress.portalAddress),
  };
  const steps = (Object.keys(done) as OnboardingStep[]).map((key) => ({ key, done: done[key] }));
  return { steps, complete: steps.every((s) => s.done), portalUrl: `${mail.effectivePortalAddress}/` };
}

export async function sharePortalAddress(ctx: AppContext, tenantId: string): Promise<Onboarding> {
  await repo.markPortalAddressShared(ctx.db, tenantId);
  return getOnboarding(ctx, tenantId);
}
