import { randomUUID } from 'node:crypto';
import { domainSchema, customerCreateSchema } from '@porta/contracts/customers';
import type { ImportMapping, ImportRunBody } from '@porta/contracts/imports';
import { cellOf, issuesOf, type RowIssue, splitList } from './cells.ts';
import type { CsvRow } from './csv.ts';

const MAX_DOMAINS = 50;
const nameRule = customerCreateSchema.shape.name;

export interface ExistingCustomers {
  names: { id: string; name: string }[];
  domains: { domain: string; customer_id: string }[];
}

export interface CustomerPlan {
  creates: { id: string; name: string; domains: string[] }[];
  /** `domains` null: the row gave none, the customer's stay. */
  updates: { id: string; domains: string[] | null }[];
  skips: number;
  issues: RowIssue[];
  errorRows: number;
}

/**
 * What importing these rows as customers does, row by row, without writing: the same rules as
 * `POST /api/v1/customers` (the contracts' name and domain schemas, a domain belongs to one
 * customer), and a customer whose name exists already (any case) is updated or skipped.
 */
export function planCustomers(rows: CsvRow[], mapping: ImportMapping, opts: Pick<ImportRunBody, 'duplicates'>, existing: ExistingCustomers): CustomerPlan {
  const byName = new Map<string, string[]>();
  for (const c of existing.names) byName.set(c.name.trim().toLowerCase(), [...(byName.get(c.name.trim().toLowerCase()) ?? []), c.id]);
  const owner = new Map(existing.domains.map((d) => [d.domain, d.customer_id]));
  const namesInFile = new Set<string>();
  const domainsInFile = new Set<string>();
  const plan: CustomerPlan = { creates: [], updates: [], skips: 0, issues: [], errorRows: 0 };

  for (const row of rows) {
    const issues = issuesOf(row, mapping);
    const rawName = cellOf(row, mapping, 'name');
    const name = nameRule.safeParse(rawName);
    const key = rawName.toLowerCase();
    if (rawName === '') issues.add('name', 'REQUIRED');
    else if (!name.success) issues.add('name', 'TOO_LONG');
    else if (namesInFile.has(key)) issues.add('name', 'DUPLICATE_IN_FILE');
    namesInFile.add(key);
    const matches = byName.get(key) ?? [];
    if (matches.length > 1) issues.add('name', 'CUSTOMER_AMBIGUOUS');
    const existingId = matches.length === 1 ? matches[0] : undefined;

    if (existingId && opts.duplicates === 'skip') {
      if (issues.list.length > 0) {
        plan.issues.push(...issues.list);
        plan.errorRows++;
      } else plan.skips++;
      continue;
    }

    const domainCell = cellOf(row, mapping, 'domains');
    const domains: string[] = [];
    for (const raw of splitList(domainCell)) {
      const parsed = domainSchema.safeParse(raw);
      if (!parsed.success) {
        issues.add('domains', 'INVALID_DOMAIN');
        break;
      }
      if (domains.includes(parsed.data)) continue;
      if (domainsInFile.has(parsed.data)) issues.add('domains', 'DUPLICATE_IN_FILE');
      else if (owner.has(parsed.data) && owner.get(parsed.data) !== existingId) issues.add('domains', 'DOMAIN_TAKEN');
      domains.push(parsed.data);
    }
    if (domains.length > MAX_DOMAINS) issues.add('domains', 'TOO_MANY_DOMAINS');
    for (const d of domains) domainsInFile.add(d);

    if (issues.list.length > 0) {
      plan.issues.push(...issues.list);
      plan.errorRows++;
    } else if (existingId) plan.updates.push({ id: existingId, domains: domainCell === '' ? null : domains });
    else plan.creates.push({ id: randomUUID(), name: name.data ?? rawName, domains });
  }
  return plan;
}
