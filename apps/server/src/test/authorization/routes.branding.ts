import { readBranding, writeImage } from '../../features/branding/branding.repo.ts';
import { b64, solidPng } from '../images.ts';
import { admins, everyone } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

const LOGO = solidPng(4, 4, [20, 60, 120]);
const LOGO_HASH = 'a1'.repeat(16);

const snapshot = (w: World) => () => readBranding(w.ctx.db, w.T.tenant.id);
const reset = (w: World) => async () => {
  await w.ctx.db.deleteFrom('tenant_branding').where('tenant_id', 'in', [w.T.tenant.id, w.U.tenant.id]).execute();
};

/** D-1, D-4: branding settings are for admins; the images are public, but only on their own tenant's host. */
export const BRANDING_ROWS: Record<string, Row> = {
  'GET /api/v1/settings/branding': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/branding' }) },
  'PATCH /api/v1/settings/branding': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({ url: '/api/v1/settings/branding', body: { portalName: 'Authz portal', primaryColor: '#1c3d6e' }, snapshot: snapshot(w), after: reset(w) }),
  },
  'PUT /api/v1/settings/branding/:kind': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({ url: '/api/v1/settings/branding/logo', body: { data: b64(LOGO) }, snapshot: snapshot(w), after: reset(w) }),
  },
  'DELETE /api/v1/settings/branding/:kind': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    async call(w) {
      await writeImage(w.ctx.db, w.T.tenant.id, 'logo', { bytes: LOGO, type: 'image/png', hash: LOGO_HASH });
      return { url: '/api/v1/settings/branding/logo', snapshot: snapshot(w), after: reset(w) };
    },
  },
  // Anyone may fetch the Host's tenant's logo (the sign-in page shows it); on another tenant's host its URL is a 404.
  'GET /api/v1/branding/:kind/:hash': {
    expect: { ...everyone(200), foreignAdminOwnHost: 404 },
    async call(w) {
      await writeImage(w.ctx.db, w.T.tenant.id, 'logo', { bytes: LOGO, type: 'image/png', hash: LOGO_HASH });
      return { url: `/api/v1/branding/logo/${LOGO_HASH}`, after: reset(w) };
    },
  },
};
