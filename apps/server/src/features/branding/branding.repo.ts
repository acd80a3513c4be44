import type { BrandingImageKind } from '@porta/contracts/branding';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';

export interface StoredBranding {
  portalName: string | null;
  primaryColor: string | null;
  logoHash: string | null;
  faviconHash: string | null;
}

/** The tenant's branding without the image bytes; null when it never set any. */
export async function readBranding(db: Db, tenantId: string): Promise<StoredBranding | null> {
  const row = await db
    .selectFrom('tenant_branding')
    .select(['portal_name', 'primary_color', 'logo_hash', 'favicon_hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return row ? { portalName: row.portal_name, primaryColor: row.primary_color, logoHash: row.logo_hash, faviconHash: row.favicon_hash } : null;
}

export async function writeTexts(db: Db, tenantId: string, values: { portal_name?: string | null; primary_color?: string | null }): Promise<void> {
  await db
    .insertInto('tenant_branding')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/** Stores (or with `null`, removes) one image; type and hash always go with the bytes. */
export async function writeImage(db: Db, tenantId: string, kind: BrandingImageKind, image: { bytes: Buffer; type: string; hash: string } | null): Promise<void> {
  const values =
    kind === 'logo'
      ? { logo: image?.bytes ?? null, logo_type: image?.type ?? null, logo_hash: image?.hash ?? null }
      : { favicon: image?.bytes ?? null, favicon_type: image?.type ?? null, favicon_hash: image?.hash ?? null };
  await db
    .insertInto('tenant_branding')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
    .execute();
}

/** One image by its content hash, only within the tenant. */
export async function readImage(db: Db, tenantId: string, kind: BrandingImageKind, hash: string): Promise<{ bytes: Buffer; type: string } | null> {
  const row =
    kind === 'logo'
      ? await db.selectFrom('tenant_branding').select(['logo as bytes', 'logo_type as type']).where('tenant_id', '=', tenantId).where('logo_hash', '=', hash).executeTakeFirst()
      : await db.selectFrom('tenant_branding').select(['favicon as bytes', 'favicon_type as type']).where('tenant_id', '=', tenantId).where('favicon_hash', '=', hash).executeTakeFirst();
  return row?.bytes && row.type ? { bytes: Buffer.from(row.bytes), type: row.type } : null;
}
