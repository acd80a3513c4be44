import { idParamsSchema, okSchema } from '@porta/contracts/common';
import {
  selfServiceSettingsPatchSchema,
  selfServiceSettingsSchema,
  softwareListSchema,
  softwarePackageBodySchema,
  softwarePackagePatchSchema,
  softwarePackageSchema,
  softwareStarterListSchema,
} from '@porta/contracts/software';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import * as repo from './software.repo.ts';
import { assertInstallable, fields } from './software.fields.ts';
import { presentPackage } from './software.model.ts';
import { STARTER_PACKAGES } from './starter-packages.ts';

const admin = { access: 'admin' } as const;
const tech = { access: 'technician' } as const;
const tags = ['software'];

/** SS-5: Admin > Customer portal > Software (catalogue, private sources) and the self-service kill switch setting. */
export function softwareRoutes(app: ZodApp, ctx: AppContext): void {
  // One catalogue, two paths (issue 13 item 6): the pinned /api/v1/software-catalogue and the
  // console's /api/v1/software are the same handlers.
  for (const base of ['/api/v1/software-catalogue', '/api/v1/software']) {
    app.get(base, { config: tech, schema: { tags, response: { 200: softwareListSchema } } }, async (req) => ({
      items: (await repo.listPackages(ctx.db, technicianOf(req).tenantId)).map(presentPackage),
    }));

    app.post(base, { config: admin, schema: { tags, body: softwarePackageBodySchema, response: { 200: softwarePackageSchema } } }, async (req) => {
      const f = fields(req.body);
      assertInstallable(f);
      const row = await repo.insertPackage(ctx.db, technicianOf(req).tenantId, { chocolateyId: null, homebrewFormula: null, homebrewCask: null, wingetId: null, aliases: [], ...f, name: req.body.name });
      return presentPackage(row);
    });

    app.patch(`${base}/:id`, { config: admin, schema: { tags, params: idParamsSchema, body: softwarePackagePatchSchema, response: { 200: softwarePackageSchema } } }, async (req) => {
      const tenantId = technicianOf(req).tenantId;
      return ctx.db.transaction().execute(async (trx) => {
        const current = await repo.findPackage(trx, tenantId, req.params.id);
        if (!current) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
        const f = fields(req.body, current.name);
        assertInstallable({ chocolateyId: current.chocolatey_id, homebrewFormula: current.homebrew_formula, homebrewCask: current.homebrew_cask, wingetId: current.winget_id, ...f });
        const row = await repo.updatePackage(trx, tenantId, req.params.id, f);
        if (!row) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
        return presentPackage(row);
      });
    });

    app.delete(`${base}/:id`, { config: admin, schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, async (req) => {
      if (!(await repo.deletePackage(ctx.db, technicianOf(req).tenantId, req.params.id))) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
      return { ok: true as const };
    });
  }

  app.get('/api/v1/software/starter', { config: tech, schema: { tags, response: { 200: softwareStarterListSchema } } }, () => ({ items: [...STARTER_PACKAGES] }));

  app.get('/api/v1/settings/self-service', { config: tech, schema: { tags, response: { 200: selfServiceSettingsSchema } } }, async (req) => repo.readSelfServiceSettings(ctx.db, technicianOf(req).tenantId));

  app.patch('/api/v1/settings/self-service', { config: admin, schema: { tags, body: selfServiceSettingsPatchSchema, response: { 200: selfServiceSettingsSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    return ctx.db.transaction().execute(async (trx) => {
      const current = await repo.readSelfServiceSettings(trx, tenantId);
      const { actionPolicies, ...rest } = req.body;
      const next = { ...current, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), actionPolicies: { ...current.actionPolicies, ...actionPolicies } } as typeof current;
      await repo.writeSelfServiceSettings(trx, tenantId, next);
      return next;
    });
  });
}
