import type { CommandStatus } from '@porta/contracts/devices';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';

export interface NewCommand {
  id: string;
  deviceId: string;
  action: string;
  paramsPublic: Record<string, unknown>;
  nonce: string;
  verificationId: string;
  requestedByContactId: string | null;
  requestedByTechnicianId: string | null;
  signedEnc: string;
  issuedAt: Date;
  expiresAt: Date;
}

export interface Changed {
  id: string;
  tenant_id: string;
  device_id: string;
  status: CommandStatus;
}

/** The command row and its first event (`queued`) in one statement. */
export async function insertCommand(db: Kysely<Database>, tenantId: string, c: NewCommand): Promise<void> {
  await sql`
    with cmd as (
      insert into agent_commands (id, tenant_id, device_id, action, params_public, nonce, verification_id, requested_by_contact_id, requested_by_technician_id, signed_enc, status, issued_at, expires_at)
      values (${c.id}, ${tenantId}, ${c.deviceId}, ${c.action}, ${JSON.stringify(c.paramsPublic)}::jsonb, ${c.nonce}, ${c.verificationId}, ${c.requestedByContactId}, ${c.requestedByTechnicianId}, ${c.signedEnc}, 'queued', ${c.issuedAt}, ${c.expiresAt})
      returning id, tenant_id, issued_at
    )
    insert into agent_command_events (command_id, tenant_id, status, at) select id, tenant_id, 'queued', issued_at from cmd
  `.execute(db);
}

/**
 * A guarded transition (at most once, SS-7): only from one of `from`, only for the device the
 * command is for, with its event in the same statement. Answers the changed row, or null when
 * the command was not in a state that allows it (already done, expired, another device's).
 */
export async function transition(
  db: Kysely<Database>,
  tenantId: string,
  id: string,
  t: { from: CommandStatus[]; to: CommandStatus; deviceId?: string; detail?: string | null; refusalReason?: string | null; final?: boolean },
): Promise<Changed | null> {
  const result = await sql<Changed>`
    with changed as (
      update agent_commands set
        status = ${t.to},
        signed_enc = null,
        result_detail = case when ${t.final ?? false} then ${t.detail ?? null} else result_detail end,
        refusal_reason = coalesce(${t.refusalReason ?? null}, refusal_reason)
      where tenant_id = ${tenantId} and id = ${id} and status = any(${t.from}::text[])
        and (${t.deviceId ?? null}::uuid is null or device_id = ${t.deviceId ?? null}::uuid)
      returning id, tenant_id, device_id, status
    ), ev as (
      insert into agent_command_events (command_id, tenant_id, status, detail) select id, tenant_id, status, ${t.detail ?? null} from changed
    )
    select * from changed
  `.execute(db);
  return result.rows[0] ?? null;
}

/**
 * Takes the device's queued, unexpired commands for delivery: they become `sent` and their
 * sealed signed command is handed over and erased in the same statement, so two nodes (or a
 * reconnect racing a dispatch) can never send one command twice.
 */
export async function claimQueued(db: Kysely<Database>, tenantId: string, deviceId: string): Promise<(Changed & { signed_enc: string })[]> {
  const result = await sql<Changed & { signed_enc: string }>`
    with claimed as (
      select id, signed_enc from agent_commands
       where tenant_id = ${tenantId} and device_id = ${deviceId} and status = 'queued' and expires_at > now()
       order by issued_at
       for update skip locked
    ), changed as (
      update agent_commands a set status = 'sent', signed_enc = null
        from claimed
       where a.id = claimed.id and a.status = 'queued'
      returning a.id, a.tenant_id, a.device_id, a.status, claimed.signed_enc
    ), ev as (
      insert into agent_command_events (command_id, tenant_id, status) select id, tenant_id, 'sent' from changed
    )
    select * from changed
  `.execute(db);
  return result.rows;
}

/**
 * Many commands at once to `to`, each with its event, in one statement: the bulk twin of
 * `transition` for the expiry sweeper and the kill switch.
 */
async function moveAll(db: Kysely<Database>, to: 'expired' | 'cancelled', where: RawBuilder<boolean>): Promise<Changed[]> {
  const result = await sql<Changed>`
    with changed as (
      update agent_commands set status = ${to}, signed_enc = null
       where ${where}
      returning id, tenant_id, device_id, status
    ), ev as (
      insert into agent_command_events (command_id, tenant_id, status) select id, tenant_id, status from changed
    )
    select * from changed
  `.execute(db);
  return result.rows;
}

/** Queued (never delivered) and sent-but-unacknowledged commands past their expiry become `expired`. */
export function expireDue(db: Kysely<Database>): Promise<Changed[]> {
  return moveAll(db, 'expired', sql<boolean>`status in ('queued', 'sent') and expires_at <= now()`);
}

/** The tenant's kill switch: every queued command becomes `cancelled`. */
export function cancelAllQueued(db: Kysely<Database>, tenantId: string, deviceId?: string): Promise<Changed[]> {
  return moveAll(db, 'cancelled', sql<boolean>`tenant_id = ${tenantId} and status = 'queued' and (${deviceId ?? null}::uuid is null or device_id = ${deviceId ?? null}::uuid)`);
}

export async function findCommand(db: Kysely<Database>, tenantId: string, id: string) {
  return db
    .selectFrom('agent_commands')
    .select(['id', 'device_id', 'action', 'status', 'issued_at', 'expires_at', 'result_detail', 'refusal_reason'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function commandEvents(db: Kysely<Database>, tenantId: string, commandIds: string[]) {
  if (commandIds.length === 0) return [];
  return db
    .selectFrom('agent_command_events')
    .select(['command_id', 'status', 'at', 'detail'])
    .where('tenant_id', '=', tenantId)
    .where('command_id', 'in', commandIds)
    .orderBy('id')
    .execute();
}

export async function deviceCommands(db: Kysely<Database>, tenantId: string, deviceId: string, limit = 50) {
  return db
    .selectFrom('agent_commands')
    .select(['id', 'device_id', 'action', 'status', 'issued_at', 'expires_at', 'result_detail', 'refusal_reason'])
    .where('tenant_id', '=', tenantId)
    .where('device_id', '=', deviceId)
    .orderBy('issued_at', 'desc')
    .limit(limit)
    .execute();
}

/** For commands that carry out a self-service request (SS-7): the request, its requester and the requester's company. */
export async function selfServiceRequesters(db: Kysely<Database>, tenantId: string, commandIds: string[]) {
  if (commandIds.length === 0) return [];
  return db
    .selectFrom('agent_commands as a')
    .innerJoin('self_service_requests as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.verification_id'))
    .select(['a.id as command_id', 'r.id as action_id', 'r.contact_id', 'r.customer_id'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', 'in', commandIds)
    .execute();
}
