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
import { presentPackage } from './software.model.ts';
import { STARTER_PACKAGES } from './starter-packages.ts';

const admin = { access: 'admin' } as const;
const tech = { access: 'technician' } as const;
const tags = ['software'];

type Body = { name?: string | undefined; chocolateyId?: string | null | undefined; homebrewFormula?: string | null | undefined; homebrewCask?: string | null | undefined; wingetId?: string | null | undefined };

function fields(b: Body): Partial<repo.PackageFields> {
  const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === '' ? null : v);
  return {
    ...(b.name !== undefined && { name: b.name }),
    ...(b.chocolateyId !== undefined && { chocolateyId: blank(b.chocolateyId) ?? null }),
    ...(b.homebrewFormula !== undefined && { homebrewFormula: blank(b.homebrewFormula) ?? null }),
    ...(b.homebrewCask !== undefined && { homebrewCask: blank(b.homebrewCask) ?? null }),
    ...(b.wingetId !== undefined && { wingetId: blank(b.wingetId) ?? null }),
  };
}

function assertInstallable(p: Partial<repo.PackageFields>): void {
  if (!p.chocolateyId && !p.homebrewFormula && !p.homebrewCask && !p.wingetId) throw new AppError('SOFTWARE_PACKAGE_NO_MANAGER');
}

/** SS-5: Admin > Customer portal > Software (catalogue, private sources) and the self-service kill switch setting. */
export function softwareRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/software', { config: tech, schema: { tags, response: { 200: softwareListSchema } } }, async (req) => ({
    items: (await repo.listPackages(ctx.db, technicianOf(req).tenantId)).map(presentPackage),
  }));

  app.get('/api/v1/software/starter', { config: tech, schema: { tags, response: { 200: softwareStarterListSchema } } }, () => ({ items: [...STARTER_PACKAGES] }));

  app.post('/api/v1/software', { config: admin, schema: { tags, body: softwarePackageBodySchema, response: { 200: softwarePackageSchema } } }, async (req) => {
    const f = fields(req.body);
    assertInstallable(f);
    const row = await repo.insertPackage(ctx.db, technicianOf(req).tenantId, { name: req.body.name, chocolateyId: null, homebrewFormula: null, homebrewCask: null, wingetId: null, ...f });
    return presentPackage(row);
  });

  app.patch('/api/v1/software/:id', { config: admin, schema: { tags, params: idParamsSchema, body: softwarePackagePatchSchema, response: { 200: softwarePackageSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    return ctx.db.transaction().execute(async (trx) => {
      const current = await repo.findPackage(trx, tenantId, req.params.id);
      if (!current) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
      const f = fields(req.body);
      assertInstallable({ chocolateyId: current.chocolatey_id, homebrewFormula: current.homebrew_formula, homebrewCask: current.homebrew_cask, wingetId: current.winget_id, ...f });
      const row = await repo.updatePackage(trx, tenantId, req.params.id, f);
      if (!row) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
      return presentPackage(row);
    });
  });

  app.delete('/api/v1/software/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, async (req) => {
    if (!(await repo.deletePackage(ctx.db, technicianOf(req).tenantId, req.params.id))) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
    return { ok: true as const };
  });

  app.get('/api/v1/settings/self-service', { config: tech, schema: { tags, response: { 200: selfServiceSettingsSchema } } }, async (req) => repo.readSelfServiceSettings(ctx.db, technicianOf(req).tenantId));

  app.patch('/api/v1/settings/self-service', { config: admin, schema: { tags, body: selfServiceSettingsPatchSchema, response: { 200: selfServiceSettingsSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    return ctx.db.transaction().execute(async (trx) => {
      const current = await repo.readSelfServiceSettings(trx, tenantId);
      const next = { ...current, ...Object.fromEntries(Object.entries(req.body).filter(([, v]) => v !== undefined)) } as typeof current;
      await repo.writeSelfServiceSettings(trx, tenantId, next);
      return next;
    });
  });
}
