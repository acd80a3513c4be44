import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export interface AuditEntry {
  actor: string;
  event: string;
  subject: string;
  data: Record<string, unknown>;
}

/**
 * SS-7 audit, pinned signature (issue 12 shared design). The selfservice branch owns the
 * hash-chained log and replaces this file at merge; until then the devices branch records
 * nothing durable here (no audit table exists on this branch).
 */
export async function appendAudit(_db: Kysely<Database>, _tenantId: string, _entry: AuditEntry): Promise<void> {
  // Replaced by the selfservice branch's audit_log writer.
}
