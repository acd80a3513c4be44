import { createHash } from 'node:crypto';
import { type Branding, type BrandingImageKind, type BrandingPatch, formatRatio, MIN_WHITE_CONTRAST, type PageBrand, whiteContrast } from '@porta/contracts/branding';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { tenantUrl } from '../../platform/tenancy/tenant-address.ts';
import { checkImage } from './image-sniff.ts';
import * as repo from './branding.repo.ts';

/** The image's tenant-relative URL: its content hash names it, so it is cached for good. */
export const imagePath = (kind: BrandingImageKind, hash: string | null): string | null => (hash ? `/api/v1/branding/${kind}/${hash}` : null);

async function tenantRow(db: Db, tenantId: string) {
  const tenant = await db.selectFrom('tenants').select(['id', 'slug', 'name']).where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return tenant;
}

export async function getBranding(ctx: AppContext, tenantId: string): Promise<Branding> {
  const [tenant, stored] = await Promise.all([tenantRow(ctx.db, tenantId), repo.readBranding(ctx.db, tenantId)]);
  return {
    portalAddress: await tenantUrl(ctx, tenant),
    portalName: stored?.portalName ?? null,
    primaryColor: stored?.primaryColor ?? null,
    logoUrl: imagePath('logo', stored?.logoHash ?? null),
    faviconUrl: imagePath('favicon', stored?.faviconHash ?? null),
  };
}

/** D-4: white text on the primary colour must reach WCAG AA (4.5:1); the refusal carries the measured ratio. */
export function checkPrimaryColor(hex: string): void {
  const ratio = whiteContrast(hex);
  if (ratio < MIN_WHITE_CONTRAST) throw new AppError('BRANDING_COLOR_CONTRAST', { ratio: formatRatio(ratio) });
}

export async function updateBranding(ctx: AppContext, tenantId: string, patch: BrandingPatch): Promise<Branding> {
  const values: { portal_name?: string | null; primary_color?: string | null } = {};
  if (patch.portalName !== undefined) values.portal_name = patch.portalName;
  if (patch.primaryColor !== undefined) {
    if (patch.primaryColor !== null) checkPrimaryColor(patch.primaryColor);
    values.primary_color = patch.primaryColor;
  }
  await tenantRow(ctx.db, tenantId);
  if (Object.keys(values).length > 0) await repo.writeTexts(ctx.db, tenantId, values);
  return getBranding(ctx, tenantId);
}

export async function setImage(ctx: AppContext, tenantId: string, kind: BrandingImageKind, base64: string): Promise<Branding> {
  const bytes = Buffer.from(base64, 'base64');
  const type = checkImage(kind, bytes);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
  await tenantRow(ctx.db, tenantId);
  await repo.writeImage(ctx.db, tenantId, kind, { bytes, type, hash });
  return getBranding(ctx, tenantId);
}

export async function removeImage(ctx: AppContext, tenantId: string, kind: BrandingImageKind): Promise<Branding> {
  await tenantRow(ctx.db, tenantId);
  await repo.writeImage(ctx.db, tenantId, kind, null);
  return getBranding(ctx, tenantId);
}

/**
 * What a page of the tenant draws: the portal name (else the tenant's), colour, logo and
 * favicon URLs; null for a tenant that never set any branding (its pages stay as built).
 */
export async function pageBrand(db: Db, tenant: { id: string; name: string }): Promise<PageBrand | null> {
  const stored = await repo.readBranding(db, tenant.id);
  if (!stored) return null;
  return {
    name: stored?.portalName ?? tenant.name,
    primaryColor: stored?.primaryColor ?? null,
    logoUrl: imagePath('logo', stored?.logoHash ?? null),
    faviconUrl: imagePath('favicon', stored?.faviconHash ?? null),
  };
}

/** The brand a mail carries: the logo as an absolute URL on the tenant's portal address. */
export interface MailBrand {
  name: string;
  primaryColor: string | null;
  logoUrl: string | null;
}

export async function mailBrand(db: Db, tenant: { id: string; name: string }, portalUrl: string): Promise<MailBrand> {
  const page = await pageBrand(db, tenant);
  if (!page) return { name: tenant.name, primaryColor: null, logoUrl: null };
  return { name: page.name, primaryColor: page.primaryColor, logoUrl: page.logoUrl ? `${portalUrl.replace(/\/+$/, '')}${page.logoUrl}` : null };
}
