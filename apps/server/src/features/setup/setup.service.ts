import type { SetupBody } from '@porta/contracts/setup';
import type { AppContext } from '../../platform/context.ts';
import { hashToken, randomToken, safeEqual } from '../../platform/crypto/tokens.ts';
import { AppError } from '../../platform/errors.ts';
import { preloadPasswordStrength } from '@porta/contracts/password-strength';
import { assertStrongPassword, WeakPasswordError } from '../../platform/crypto/password-policy.ts';
import { countTenants } from '../tenants/tenants.repo.ts';
import { createTenantWithAdmin } from '../tenants/tenants.service.ts';

const KEY = 'setup_token_hash';

export async function setupNeeded(ctx: AppContext): Promise<boolean> {
  return (await countTenants(ctx.db)) === 0;
}

/**
 * On a start with no tenant: keeps the hash of a one-time setup token (PORTA_SETUP_TOKEN,
 * or a new random one) and answers the token to print, or null when setup is done.
 */
export async function prepareSetupToken(ctx: AppContext): Promise<string | null> {
  if (!(await setupNeeded(ctx))) return null;
  // The set-up form's password is judged next: load the checker now, in the background (issue 9 item 4).
  preloadPasswordStrength().catch(() => undefined);
  const token = ctx.config.setupToken ?? randomToken(24);
  await ctx.db
    .insertInto('instance_settings')
    .values({ key: KEY, value: hashToken(token) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: hashToken(token) }))
    .execute();
  return token;
}

export async function completeSetup(ctx: AppContext, body: SetupBody) {
  if (!(await setupNeeded(ctx))) throw new AppError('SETUP_ALREADY_DONE');
  const stored = await ctx.db.selectFrom('instance_settings').select('value').where('key', '=', KEY).executeTakeFirst();
  // No token left: a racing request may have completed set-up since the check above.
  if (!stored) throw new AppError((await setupNeeded(ctx)) ? 'SETUP_TOKEN_INVALID' : 'SETUP_ALREADY_DONE');
  if (!safeEqual(stored.value, hashToken(body.token))) throw new AppError('SETUP_TOKEN_INVALID');
  await assertStrongPassword(body.admin.password, { name: body.admin.name, email: body.admin.email, tenantName: body.tenant.name }, 'admin.password');
  return createTenantWithAdmin(ctx, { slug: body.tenant.slug, name: body.tenant.name, admin: body.admin }, async (trx) => {
    // Claim the token inside the transaction: of two racing requests only one finds it,
    // and a failed creation leaves it in place for another try.
    const claimed = await trx.deleteFrom('instance_settings').where('key', '=', KEY).where('value', '=', stored.value).executeTakeFirst();
    if (claimed.numDeletedRows === 0n) throw new AppError('SETUP_ALREADY_DONE');
  });
}

/** Non-interactive first start: PORTA_ADMIN_EMAIL + PORTA_ADMIN_PASSWORD. */
export async function bootstrapFromEnv(ctx: AppContext): Promise<boolean> {
  const boot = ctx.config.bootstrapAdmin;
  if (!boot || !(await setupNeeded(ctx))) return false;
  try {
    await assertStrongPassword(boot.password, { name: 'Administrator', email: boot.email, tenantName: boot.name });
  } catch (err) {
    if (err instanceof WeakPasswordError) throw new Error(`PORTA_ADMIN_PASSWORD: ${err.localised('en').message}`);
    throw err;
  }
  await createTenantWithAdmin(ctx, { slug: boot.slug, name: boot.name, admin: { name: 'Administrator', email: boot.email, password: boot.password } });
  await ctx.db.deleteFrom('instance_settings').where('key', '=', KEY).execute();
  return true;
}
