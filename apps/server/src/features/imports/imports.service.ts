import type { Language } from '@porta/contracts/common';
import { IMPORT_MAX_REPORTED_ERRORS, type ImportPreview, type ImportReport, type ImportRunBody } from '@porta/contracts/imports';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, isStillReferenced, isUniqueViolation } from '../../platform/errors.ts';
import { applyContacts, applyCustomers, type Progress } from './apply.ts';
import type { RowIssue } from './cells.ts';
import { type CsvTable, readCsv } from './csv.ts';
import { checkMapping, suggestMapping } from './mapping.ts';
import * as repo from './imports.repo.ts';
import { type ContactPlan, planContacts } from './plan-contacts.ts';
import { type CustomerPlan, planCustomers } from './plan-customers.ts';

const SAMPLE_ROWS = 10;

/** Step 1: the file's columns, its first rows and the mapping guessed from the header. */
export function previewImport(input: { kind: ImportRunBody['kind']; content: string }): ImportPreview {
  const table = readCsv(input.content);
  return {
    kind: input.kind,
    delimiter: table.delimiter,
    headers: table.headers,
    rowCount: table.rows.length,
    sample: table.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells),
    mapping: suggestMapping(input.kind, table.headers),
  };
}

interface Tenant {
  id: string;
  defaultLanguage: Language;
}

async function plan(db: Db, tenant: Tenant, table: CsvTable, body: ImportRunBody): Promise<CustomerPlan | ContactPlan> {
  const [names, domains] = await Promise.all([repo.customerNames(db, tenant.id), repo.customerDomains(db, tenant.id)]);
  if (body.kind === 'customers') return planCustomers(table.rows, body.mapping, body, { names, domains });
  const contacts = await repo.contactEmails(db, tenant.id);
  return planContacts(table.rows, body.mapping, body, { names, domains, contacts }, tenant.defaultLanguage);
}

function report(body: ImportRunBody, table: CsvTable, p: CustomerPlan | ContactPlan, lang: Language, started: number, committed: boolean): ImportReport {
  const message = (i: RowIssue) => translate(lang, 'console', `imports.rowErrors.${i.code}`);
  return {
    kind: body.kind,
    dryRun: body.dryRun,
    committed,
    counts: { rows: table.rows.length, create: p.creates.length, update: p.updates.length, skip: p.skips, error: p.errorRows },
    errors: p.issues.slice(0, IMPORT_MAX_REPORTED_ERRORS).map((i) => ({ ...i, message: message(i) })),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * Steps 2 and 3. A dry run checks every row against the tenant's data and counts what would
 * be created, updated, skipped or refused, changing nothing. A real run does the same inside
 * ONE transaction (imports of a tenant one at a time) and writes only when no row has an
 * error: otherwise it answers IMPORT_HAS_ERRORS with the report and nothing is written.
 */
export async function runImport(ctx: AppContext, tenant: Tenant, body: ImportRunBody, lang: Language, progress: Progress = () => {}): Promise<ImportReport> {
  const started = performance.now();
  const table = readCsv(body.content);
  checkMapping(body.kind, body.mapping, table.headers.length);
  if (body.dryRun) return report(body, table, await plan(ctx.db, tenant, table, body), lang, started, false);

  const done = await ctx.db
    .transaction()
    .execute(async (trx) => {
      await repo.lockTenantImports(trx, tenant.id);
      const p = await plan(trx, tenant, table, body);
      if (p.errorRows > 0) throw new AppError('IMPORT_HAS_ERRORS', { rows: p.errorRows }, report(body, table, p, lang, started, false));
      if (body.kind === 'customers') await applyCustomers(trx, tenant.id, p as CustomerPlan, progress);
      else await applyContacts(ctx, trx, tenant.id, p as ContactPlan, body.sendWelcomeEmail, progress);
      return p;
    })
    .catch((err: unknown) => {
      // Someone added the same e-mail, username or domain, or deleted a customer, meanwhile: all rolled back.
      if (isUniqueViolation(err) || isStillReferenced(err)) throw new AppError('IMPORT_CONFLICT');
      throw err;
    });
  return report(body, table, done, lang, started, true);
}
