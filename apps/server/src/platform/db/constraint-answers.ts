import type { ErrorCode } from '@porta/contracts/errors';

/**
 * What a request answers when the database refuses a write on a constraint: the answer the
 * route would have given had it checked a moment later (issue 10). A write that races the
 * delete of what it references passes the route's own check, then meets the foreign key:
 * 404 with the not-found code of the REFERENCED table. A delete that races a new reference
 * to its row meets a RESTRICT foreign key: 409. Two writes racing for one unique value: 409.
 *
 * Adding a foreign key or a unique index in a migration: add its name here (the default
 * name of `x_id uuid references y(id)` on table `t` is `t_x_id_fkey`; of `unique (a, b)`,
 * `t_a_b_key`). `constraint-answers.int.test.ts` reads pg_constraint and pg_index and fails
 * on a constraint missing from these tables.
 */

/** Foreign key → the not-found code of the table it references (its row was gone). */
export const MISSING_REFERENCE: Record<string, ErrorCode> = {
  // → tenants
  api_keys_tenant_id_fkey: 'TENANT_NOT_FOUND',
  contacts_tenant_id_fkey: 'TENANT_NOT_FOUND',
  default_tenant_tenant_id_fkey: 'TENANT_NOT_FOUND',
  custom_fields_tenant_id_fkey: 'TENANT_NOT_FOUND',
  customer_domains_tenant_id_fkey: 'TENANT_NOT_FOUND',
  tenant_domains_tenant_id_fkey: 'TENANT_NOT_FOUND',
  customers_tenant_id_fkey: 'TENANT_NOT_FOUND',
  kb_articles_tenant_id_fkey: 'TENANT_NOT_FOUND',
  kb_categories_tenant_id_fkey: 'TENANT_NOT_FOUND',
  kb_settings_tenant_id_fkey: 'TENANT_NOT_FOUND',
  kb_translations_tenant_id_fkey: 'TENANT_NOT_FOUND',
  kb_votes_tenant_id_fkey: 'TENANT_NOT_FOUND',
  mail_domain_rate_tenant_id_fkey: 'TENANT_NOT_FOUND',
  mail_inbound_addresses_tenant_id_fkey: 'TENANT_NOT_FOUND',
  mail_inbound_tenant_id_fkey: 'TENANT_NOT_FOUND',
  mail_settings_tenant_id_fkey: 'TENANT_NOT_FOUND',
  mail_thread_refs_tenant_id_fkey: 'TENANT_NOT_FOUND',
  outbox_tenant_id_fkey: 'TENANT_NOT_FOUND',
  password_resets_tenant_id_fkey: 'TENANT_NOT_FOUND',
  portal_settings_tenant_id_fkey: 'TENANT_NOT_FOUND',
  tenant_branding_tenant_id_fkey: 'TENANT_NOT_FOUND',
  sessions_tenant_id_fkey: 'TENANT_NOT_FOUND',
  technician_recovery_codes_tenant_id_fkey: 'TENANT_NOT_FOUND',
  technicians_tenant_id_fkey: 'TENANT_NOT_FOUND',
  ticket_attachments_tenant_id_fkey: 'TENANT_NOT_FOUND',
  ticket_comments_tenant_id_fkey: 'TENANT_NOT_FOUND',
  ticket_field_values_tenant_id_fkey: 'TENANT_NOT_FOUND',
  ticket_statuses_tenant_id_fkey: 'TENANT_NOT_FOUND',
  tickets_tenant_id_fkey: 'TENANT_NOT_FOUND',
  sms_settings_tenant_id_fkey: 'TENANT_NOT_FOUND',
  sms_messages_tenant_id_fkey: 'TENANT_NOT_FOUND',
  sms_codes_tenant_id_fkey: 'TENANT_NOT_FOUND',
  software_packages_tenant_id_fkey: 'TENANT_NOT_FOUND',
  self_service_settings_tenant_id_fkey: 'TENANT_NOT_FOUND',
  self_service_requests_tenant_id_fkey: 'TENANT_NOT_FOUND',
  audit_log_tenant_id_fkey: 'TENANT_NOT_FOUND',
  tls_certificates_tenant_id_fkey: 'TENANT_NOT_FOUND',
  webhook_endpoints_tenant_id_fkey: 'TENANT_NOT_FOUND',
  webhook_deliveries_tenant_id_fkey: 'TENANT_NOT_FOUND',
  // → customers
  contacts_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  customer_domains_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  tickets_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  self_service_requests_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  // → software_packages, sms_codes (issue 12)
  self_service_requests_package_id_fkey: 'SOFTWARE_PACKAGE_NOT_FOUND',
  self_service_requests_code_id_fkey: 'NOT_FOUND',
  // → contacts
  kb_votes_contact_id_fkey: 'CONTACT_NOT_FOUND',
  password_resets_contact_id_fkey: 'CONTACT_NOT_FOUND',
  ticket_attachments_uploaded_by_contact_id_fkey: 'CONTACT_NOT_FOUND',
  ticket_comments_author_contact_id_fkey: 'CONTACT_NOT_FOUND',
  tickets_requester_id_fkey: 'CONTACT_NOT_FOUND',
  sms_messages_contact_id_fkey: 'CONTACT_NOT_FOUND',
  sms_codes_contact_id_fkey: 'CONTACT_NOT_FOUND',
  self_service_requests_contact_id_fkey: 'CONTACT_NOT_FOUND',
  // → technicians
  api_keys_technician_id_fkey: 'TECHNICIAN_NOT_FOUND',
  kb_articles_author_id_fkey: 'TECHNICIAN_NOT_FOUND',
  technician_recovery_codes_technician_id_fkey: 'TECHNICIAN_NOT_FOUND',
  ticket_attachments_uploaded_by_technician_id_fkey: 'TECHNICIAN_NOT_FOUND',
  ticket_comments_author_technician_id_fkey: 'TECHNICIAN_NOT_FOUND',
  tickets_assignee_id_fkey: 'TECHNICIAN_NOT_FOUND',
  // → tickets
  mail_inbound_ticket_id_fkey: 'TICKET_NOT_FOUND',
  mail_thread_refs_ticket_id_fkey: 'TICKET_NOT_FOUND',
  ticket_attachments_ticket_id_fkey: 'TICKET_NOT_FOUND',
  ticket_comments_ticket_id_fkey: 'TICKET_NOT_FOUND',
  ticket_field_values_ticket_id_fkey: 'TICKET_NOT_FOUND',
  // → ticket_comments (no code of their own: a comment is reached through its ticket)
  mail_inbound_comment_id_fkey: 'NOT_FOUND',
  ticket_attachments_comment_id_fkey: 'NOT_FOUND',
  // → ticket_statuses, custom_fields
  tickets_status_id_fkey: 'STATUS_NOT_FOUND',
  ticket_field_values_field_id_fkey: 'CUSTOM_FIELD_NOT_FOUND',
  // → kb_articles, kb_categories
  kb_translations_article_id_fkey: 'KB_ARTICLE_NOT_FOUND',
  kb_votes_article_id_fkey: 'KB_ARTICLE_NOT_FOUND',
  kb_articles_category_id_fkey: 'KB_CATEGORY_NOT_FOUND',
  // → devices and their commands (issue 12)
  enrolment_tokens_tenant_id_fkey: 'TENANT_NOT_FOUND',
  enrolment_tokens_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  enrolment_tokens_created_by_fkey: 'TECHNICIAN_NOT_FOUND',
  devices_tenant_id_fkey: 'TENANT_NOT_FOUND',
  devices_customer_id_fkey: 'CUSTOMER_NOT_FOUND',
  device_contacts_tenant_id_fkey: 'TENANT_NOT_FOUND',
  device_contacts_device_id_fkey: 'DEVICE_NOT_FOUND',
  device_contacts_contact_id_fkey: 'CONTACT_NOT_FOUND',
  agent_commands_tenant_id_fkey: 'TENANT_NOT_FOUND',
  agent_commands_device_id_fkey: 'DEVICE_NOT_FOUND',
  agent_command_events_tenant_id_fkey: 'TENANT_NOT_FOUND',
  agent_command_events_command_id_fkey: 'COMMAND_NOT_FOUND',
  // 0012: a request names a device of its own tenant (tenant_id, device_id).
  self_service_requests_device_id_fkey: 'DEVICE_NOT_FOUND',
  // → the assistant's sessions (issue 13)
  assistant_sessions_tenant_id_fkey: 'TENANT_NOT_FOUND',
  assistant_sessions_contact_id_fkey: 'CONTACT_NOT_FOUND',
  assistant_sessions_ticket_id_fkey: 'TICKET_NOT_FOUND',
  assistant_messages_tenant_id_fkey: 'TENANT_NOT_FOUND',
  assistant_messages_session_id_fkey: 'ASSISTANT_SESSION_NOT_FOUND',
  assistant_model_keys_tenant_id_fkey: 'TENANT_NOT_FOUND',
  // → webhook endpoints (issue 15)
  webhook_deliveries_endpoint_id_fkey: 'WEBHOOK_NOT_FOUND',
  // → the Atera importer (issue 15 item 5)
  atera_import_jobs_tenant_id_fkey: 'TENANT_NOT_FOUND',
  atera_import_jobs_started_by_fkey: 'TECHNICIAN_NOT_FOUND',
  atera_import_map_tenant_id_fkey: 'TENANT_NOT_FOUND',
};

/**
 * ON DELETE RESTRICT foreign keys → what deleting a still-referenced row answers. Only these
 * can refuse a delete: every other foreign key cascades or sets null (the test checks it).
 */
export const STILL_REFERENCED: Record<string, ErrorCode> = {
  contacts_customer_id_fkey: 'CUSTOMER_HAS_CONTACTS',
  tickets_customer_id_fkey: 'CONFLICT',
  tickets_requester_id_fkey: 'CONTACT_HAS_TICKETS',
  tickets_status_id_fkey: 'STATUS_IN_USE',
};

/** Unique constraints and unique indexes (primary keys included) → the 409 they answer. */
export const UNIQUE_CLASH: Record<string, ErrorCode> = {
  tenants_slug_key: 'TENANT_SLUG_TAKEN',
  tenant_domains_name_key: 'CUSTOM_DOMAIN_TAKEN',
  tenant_domains_pkey: 'CONFLICT',
  technicians_email_uq: 'EMAIL_TAKEN',
  contacts_email_uq: 'EMAIL_TAKEN',
  contacts_username_uq: 'USERNAME_TAKEN',
  customer_domains_pkey: 'DOMAIN_TAKEN',
  custom_fields_tenant_id_key_key: 'CUSTOM_FIELD_KEY_TAKEN',
  ticket_statuses_tenant_id_key_key: 'STATUS_KEY_TAKEN',
  mail_inbound_addresses_pkey: 'MAIL_ADDRESS_TAKEN',
  // Random ids, hashes of random secrets, per-tenant sequences, upserted rows: a clash means
  // two requests raced for the same row.
  api_keys_pkey: 'CONFLICT',
  api_keys_secret_hash_key: 'CONFLICT',
  contacts_pkey: 'CONFLICT',
  custom_fields_pkey: 'CONFLICT',
  customers_pkey: 'CONFLICT',
  default_tenant_pkey: 'CONFLICT',
  instance_settings_pkey: 'CONFLICT',
  kb_articles_pkey: 'CONFLICT',
  kb_categories_pkey: 'CONFLICT',
  kb_settings_pkey: 'CONFLICT',
  kb_translations_pkey: 'CONFLICT',
  kb_votes_pkey: 'CONFLICT',
  login_throttle_pkey: 'CONFLICT',
  mail_domain_rate_pkey: 'CONFLICT',
  mail_inbound_hash_uq: 'CONFLICT',
  mail_inbound_message_uq: 'CONFLICT',
  mail_inbound_pkey: 'CONFLICT',
  mail_settings_pkey: 'CONFLICT',
  mail_thread_refs_pkey: 'CONFLICT',
  outbox_pkey: 'CONFLICT',
  password_resets_pkey: 'CONFLICT',
  password_resets_token_hash_key: 'CONFLICT',
  porta_migrations_lock_pkey: 'CONFLICT',
  porta_migrations_pkey: 'CONFLICT',
  portal_settings_pkey: 'CONFLICT',
  tenant_branding_pkey: 'CONFLICT',
  sessions_pkey: 'CONFLICT',
  sessions_token_hash_key: 'CONFLICT',
  technician_recovery_codes_pkey: 'CONFLICT',
  technicians_pkey: 'CONFLICT',
  tenants_pkey: 'CONFLICT',
  ticket_attachments_pkey: 'CONFLICT',
  ticket_comments_pkey: 'CONFLICT',
  ticket_field_values_pkey: 'CONFLICT',
  ticket_statuses_pkey: 'CONFLICT',
  tickets_pkey: 'CONFLICT',
  tls_certificates_pkey: 'CONFLICT',
  webhook_endpoints_pkey: 'CONFLICT',
  webhook_deliveries_pkey: 'CONFLICT',
  acme_challenges_pkey: 'CONFLICT',
  tickets_tenant_id_number_key: 'CONFLICT',
  software_packages_name_uq: 'SOFTWARE_PACKAGE_NAME_TAKEN',
  sms_settings_pkey: 'CONFLICT',
  sms_messages_pkey: 'CONFLICT',
  sms_codes_pkey: 'CONFLICT',
  software_packages_pkey: 'CONFLICT',
  self_service_settings_pkey: 'CONFLICT',
  self_service_requests_pkey: 'CONFLICT',
  audit_log_pkey: 'CONFLICT',
  enrolment_tokens_pkey: 'CONFLICT',
  enrolment_tokens_hash_uq: 'CONFLICT',
  devices_pkey: 'CONFLICT',
  devices_tenant_id_id_key: 'CONFLICT',
  device_contacts_pkey: 'CONFLICT',
  agent_commands_pkey: 'CONFLICT',
  agent_command_events_pkey: 'CONFLICT',
  assistant_sessions_pkey: 'CONFLICT',
  assistant_messages_pkey: 'CONFLICT',
  assistant_model_keys_pkey: 'CONFLICT',
  atera_import_jobs_pkey: 'CONFLICT',
  atera_import_jobs_open_uq: 'ATERA_IMPORT_RUNNING',
  atera_import_map_pkey: 'CONFLICT',
};

interface PgError {
  code?: unknown;
  constraint?: unknown;
  detail?: unknown;
}

/**
 * A foreign-key violation names the same constraint whichever side broke it; the key in its
 * detail tells them apart: `Key (customer_id)=(…)` is the new row's reference (the referenced
 * row is missing), `Key (id)=(…)` the deleted row's id (still referenced); a tenant-scoped key
 * (`(tenant_id, device_id)` → `(tenant_id, id)`) reads `Key (tenant_id, id)=(…)` for the latter.
 * Every foreign key here references an `id` (with `tenant_id` or not) from a column of another
 * name (the test checks it). The detail's
 * words follow the server's language, the `Key (column)=` part does not.
 */
function deletedRowStillReferenced(detail: unknown): boolean {
  return typeof detail === 'string' && /\((?:tenant_id, )?id\)=\(/.test(detail);
}

/**
 * The answer for a constraint error from PostgreSQL or PGlite (both send the `constraint`
 * field of the wire protocol; `pg` puts it on the error), or undefined when it is not one.
 */
export function constraintAnswer(err: unknown): ErrorCode | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, constraint, detail } = err as PgError;
  if (typeof code !== 'string' || typeof constraint !== 'string') return undefined;
  if (code === '23505') return UNIQUE_CLASH[constraint] ?? 'CONFLICT';
  if (code === '23503' || code === '23001') {
    if (code === '23001' || deletedRowStillReferenced(detail)) return STILL_REFERENCED[constraint] ?? 'CONFLICT';
    return MISSING_REFERENCE[constraint] ?? 'NOT_FOUND';
  }
  return undefined;
}

/**
 * The message parameters of a unique clash, read from the error's `Key (a, b)=(x, y)` detail:
 * DOMAIN_TAKEN names the domain. Values with commas inside cannot be told apart from the
 * separator, so a column whose value is not found answers an empty string.
 */
export function constraintParams(err: unknown): { domain: string } {
  const detail = typeof err === 'object' && err !== null ? (err as PgError).detail : undefined;
  const match = typeof detail === 'string' ? /Key \(([^)]*)\)=\((.*)\)/.exec(detail) : null;
  const [, columnList = '', valueList = ''] = match ?? [];
  const columns = columnList.split(', ');
  const values = valueList.split(', ');
  const at = columns.indexOf('domain');
  return { domain: (at >= 0 && columns.length === values.length && values[at]) || '' };
}
