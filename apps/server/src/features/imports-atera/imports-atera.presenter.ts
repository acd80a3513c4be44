import type { Language } from '@porta/contracts/common';
import { translate } from '@porta/i18n/translate';
import { ATERA_RESOURCES, type AteraCount, type AteraImportJob, type AteraResource } from '@porta/contracts/imports-atera';
import type { AteraPhase } from '../../platform/db/schema.ts';
import type { Tally } from './atera-writer.ts';
import type { JobRow } from './imports-atera.repo.ts';

export type Counts = Record<AteraResource, AteraCount>;

/** The job's `counts` column, every resource present (zeros for those not reached yet). */
export function readCounts(raw: unknown): Counts {
  const stored = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<string, Partial<AteraCount>>>;
  const out = {} as Counts;
  for (const r of ATERA_RESOURCES) {
    const c = stored[r] ?? {};
    out[r] = { imported: c.imported ?? 0, matched: c.matched ?? 0, skipped: c.skipped ?? 0, total: c.total ?? null };
  }
  return out;
}

/** `counts` after a page of `phase`; `total` (Atera's totalItemCount) replaces the known one when given. */
export function addTally(counts: Counts, phase: AteraPhase, t: Tally, total: number | null | undefined): Counts {
  if (phase === 'finished') return counts;
  const c = counts[phase];
  return { ...counts, [phase]: { imported: c.imported + t.imported, matched: c.matched + t.matched, skipped: c.skipped + t.skipped, total: total === undefined ? c.total : total } };
}

export function presentJob(row: JobRow, lang: Language): AteraImportJob {
  return {
    id: row.id,
    status: row.status,
    baseUrl: row.base_url,
    phase: row.phase,
    page: row.page,
    counts: readCounts(row.counts),
    lastError: row.last_error_code ? { code: row.last_error_code, message: translate(lang, 'errors', row.last_error_code), detail: row.last_error ?? '' } : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}
