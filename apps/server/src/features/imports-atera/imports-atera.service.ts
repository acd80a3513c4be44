import type { Language } from '@porta/contracts/common';
import { ATERA_DEFAULT_BASE_URL, type AteraImportResume, type AteraImportStart, type AteraImportStatus } from '@porta/contracts/imports-atera';
import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { checkOutboundUrl } from '../../platform/net/outbound-guard.ts';
import { AteraError, fetchAteraPage } from './atera-client.ts';
import { queueStep } from './atera-step.ts';
import { presentJob } from './imports-atera.presenter.ts';
import * as repo from './imports-atera.repo.ts';

/** Answers the caller at once when the key or the address is wrong, rather than leaving it to the background job. */
async function checkAccess(ctx: AppContext, baseUrl: string, apiKey: string): Promise<void> {
  try {
    checkOutboundUrl(baseUrl, ctx.config.outboundAllowPrivate);
  } catch {
    throw new AppError('OUTBOUND_URL_REFUSED');
  }
  try {
    await fetchAteraPage({ baseUrl, apiKey, allowPrivate: ctx.config.outboundAllowPrivate }, 'customers', 1);
  } catch (err) {
    if (err instanceof AteraError) throw new AppError(err.code);
    throw err;
  }
}

/** The tenant's latest import, its error worded in `lang`. */
export async function importStatus(ctx: AppContext, tenantId: string, lang: Language): Promise<AteraImportStatus> {
  const row = await repo.latestJob(ctx.db, tenantId);
  return { job: row ? presentJob(row, lang) : null };
}

/** Starts an import: customers → contacts → tickets (then their comments) → KB articles, one page per step. */
export async function startImport(ctx: AppContext, tenantId: string, technicianId: string, input: AteraImportStart, lang: Language): Promise<AteraImportStatus> {
  const latest = await repo.latestJob(ctx.db, tenantId);
  if (latest && (latest.status === 'running' || latest.status === 'failed')) throw new AppError('ATERA_IMPORT_RUNNING');
  const baseUrl = input.baseUrl ?? ATERA_DEFAULT_BASE_URL;
  await checkAccess(ctx, baseUrl, input.apiKey);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const job = await repo.insertJob(trx, tenantId, { baseUrl, apiKeyEnc: encrypt(ctx.keys, input.apiKey), startedBy: technicianId });
      await queueStep(trx, tenantId, { jobId: job.id, step: job.step });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'atera_import_jobs_open_uq')) throw new AppError('ATERA_IMPORT_RUNNING');
    throw err;
  }
  return importStatus(ctx, tenantId, lang);
}

/** Goes on from where a stopped import stands (the page that failed is read again), with a new key if given. */
export async function resumeImport(ctx: AppContext, tenantId: string, input: AteraImportResume, lang: Language): Promise<AteraImportStatus> {
  const latest = await repo.latestJob(ctx.db, tenantId);
  if (!latest) throw new AppError('ATERA_IMPORT_NOT_FOUND');
  if (latest.status !== 'failed') throw new AppError('ATERA_IMPORT_NOT_RESUMABLE');
  if (input.apiKey) await checkAccess(ctx, latest.base_url, input.apiKey);
  await ctx.db.transaction().execute(async (trx) => {
    const job = await repo.lockJob(trx, tenantId, latest.id);
    if (!job || job.status !== 'failed' || (!job.api_key_enc && !input.apiKey)) throw new AppError('ATERA_IMPORT_NOT_RESUMABLE');
    const step = job.step + 1;
    await repo.updateJob(trx, tenantId, job.id, {
      status: 'running',
      step,
      last_error_code: null,
      last_error: null,
      ...(input.apiKey && { api_key_enc: encrypt(ctx.keys, input.apiKey) }),
    });
    await queueStep(trx, tenantId, { jobId: job.id, step });
  });
  return importStatus(ctx, tenantId, lang);
}

/** Stops the running or stopped import for good and forgets its key; what was imported stays. */
export async function cancelImport(ctx: AppContext, tenantId: string, lang: Language): Promise<AteraImportStatus> {
  const latest = await repo.latestJob(ctx.db, tenantId);
  if (!latest || (latest.status !== 'running' && latest.status !== 'failed')) throw new AppError('ATERA_IMPORT_NOT_FOUND');
  await ctx.db.transaction().execute(async (trx) => {
    const job = await repo.lockJob(trx, tenantId, latest.id);
    if (!job || (job.status !== 'running' && job.status !== 'failed')) throw new AppError('ATERA_IMPORT_NOT_FOUND');
    await repo.updateJob(trx, tenantId, job.id, { status: 'cancelled', step: job.step + 1, api_key_enc: null, finished_at: new Date() });
  });
  return importStatus(ctx, tenantId, lang);
}
