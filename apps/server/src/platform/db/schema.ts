import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface TenantsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  default_language: Generated<string>;
  require_totp: Generated<boolean>;
  /** Issue 9 item 5: an admin copied or opened the portal address from the first-run checklist. */
  portal_address_shared_at: Date | null;
  created_at: CreatedAt;
}

export interface TechniciansTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  email: string;
  password_hash: string;
  is_admin: boolean;
  language: Generated<string>;
  totp_secret_enc: string | null;
  totp_pending_enc: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: Generated<string>;
  tenant_id: string;
  technician_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface CustomersTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  /** Issue 13 item 5: the customer's override per action (missing key: the tenant default). */
  action_policies: ColumnType<unknown, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface CustomerDomainsTable {
  tenant_id: string;
  customer_id: string;
  domain: string;
}

export interface ContactsTable {
  id: Generated<string>;
  tenant_id: string;
  customer_id: string;
  first_name: string;
  last_name: string;
  email: string;
  username: string;
  password_hash: string;
  initial_password_enc: string | null;
  password_changed_at: Date | null;
  is_primary: boolean;
  language: string;
  phone: string | null;
  /** Issue 5: false = e-mails from this person never create tickets or comments. */
  email_tickets: Generated<boolean>;
  /** Issue 5: a primary contact who opted in is notified about every ticket of the company. */
  notify_company_tickets: Generated<boolean>;
  /** Issue 9 item 5: when the last welcome e-mail was queued for this contact. */
  welcome_sent_at: Date | null;
  /** Issue 12 (SS-6): the number proved by SMS, E.164; null until enrolled or after an admin cleared it. */
  phone_e164: string | null;
  phone_verified_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<string>;
  tenant_id: string;
  token_hash: string;
  kind: 'technician' | 'contact';
  subject_id: string;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  technician_id: string;
  name: string;
  scope: 'read' | 'write';
  prefix: string;
  secret_hash: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_started_at: Date;
  blocked_until: Date | null;
}

export interface InstanceSettingsTable {
  key: string;
  value: string;
}

/** At most one row (migration 0006): no row = the first tenant is the default; a null tenant = none. */
export interface DefaultTenantTable {
  only_row: Generated<boolean>;
  tenant_id: string | null;
  updated_at: Generated<Date>;
}

export interface TicketStatusesTable {
  id: Generated<string>;
  tenant_id: string;
  key: string;
  name: string | null;
  category: 'open' | 'closed';
  is_default: Generated<boolean>;
  position: Generated<number>;
}

export interface TicketsTable {
  id: Generated<string>;
  tenant_id: string;
  number: number;
  customer_id: string;
  requester_id: string;
  subject: string;
  description: Generated<string>;
  status_id: string;
  priority: 'low' | 'medium' | 'high' | 'critical';
  type: 'question' | 'incident' | 'problem' | 'request';
  impact: 'low' | 'medium' | 'high';
  assignee_id: string | null;
  due_at: Date | null;
  billed: Generated<boolean>;
  billed_minutes: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface TicketCommentsTable {
  id: Generated<string>;
  tenant_id: string;
  ticket_id: string;
  author_contact_id: string | null;
  author_technician_id: string | null;
  internal: Generated<boolean>;
  body: string;
  created_at: CreatedAt;
}

export interface TicketAttachmentsTable {
  id: Generated<string>;
  tenant_id: string;
  ticket_id: string;
  comment_id: string | null;
  filename: string;
  content_type: string;
  size: number;
  storage_key: string;
  uploaded_by_contact_id: string | null;
  uploaded_by_technician_id: string | null;
  created_at: CreatedAt;
}

export interface CustomFieldsTable {
  id: Generated<string>;
  tenant_id: string;
  key: string;
  label: string;
  type: 'text' | 'longText' | 'number' | 'date' | 'dropdown' | 'checkbox';
  options: ColumnType<string[], string, string>;
  position: Generated<number>;
}

export interface TicketFieldValuesTable {
  tenant_id: string;
  ticket_id: string;
  field_id: string;
  value: ColumnType<string | number | boolean, string, string>;
}

export interface PortalSettingsTable {
  tenant_id: string;
  settings: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

/** Issue 14 item 4 (D-4): one row per tenant that set any branding. */
export interface TenantBrandingTable {
  tenant_id: string;
  portal_name: string | null;
  primary_color: string | null;
  logo: Buffer | null;
  logo_type: string | null;
  logo_hash: string | null;
  favicon: Buffer | null;
  favicon_type: string | null;
  favicon_hash: string | null;
  updated_at: Timestamp;
}

export interface OutboxTable {
  id: Generated<string>;
  tenant_id: string;
  topic: string;
  payload: ColumnType<unknown, string, string>;
  status: Generated<'pending' | 'done' | 'dead' | 'held'>;
  attempts: Generated<number>;
  available_at: Timestamp;
  last_error: string | null;
  created_at: CreatedAt;
  processed_at: Date | null;
}

export interface KbCategoriesTable {
  id: Generated<string>;
  tenant_id: string;
  /** `{ <language>: name }` for the languages the category is named in. */
  names: ColumnType<Record<string, string>, string, string>;
  position: Generated<number>;
  created_at: CreatedAt;
}

export interface KbArticlesTable {
  id: Generated<string>;
  tenant_id: string;
  category_id: string | null;
  status: 'draft' | 'published';
  tags: ColumnType<string[], string[] | undefined, string[]>;
  author_id: string | null;
  audience_restricted: Generated<boolean>;
  audience_customer_ids: ColumnType<string[], string[] | undefined, string[]>;
  view_count: ColumnType<string, never, never>;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface KbTranslationsTable {
  article_id: string;
  tenant_id: string;
  language: string;
  title: string;
  body: string;
  search: ColumnType<string, never, never>;
  title_search: ColumnType<string, never, never>;
  title_key: ColumnType<string, never, never>;
  updated_at: Timestamp;
}

export interface KbVotesTable {
  tenant_id: string;
  article_id: string;
  contact_id: string;
  helpful: boolean;
  created_at: CreatedAt;
}

export interface KbSettingsTable {
  tenant_id: string;
  external_images: boolean;
}

export interface MailSettingsTable {
  tenant_id: string;
  settings: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export interface MailInboundAddressesTable {
  address: string;
  tenant_id: string;
}

export interface MailInboundTable {
  id: Generated<string>;
  tenant_id: string;
  message_id: string | null;
  content_hash: string;
  from_address: string | null;
  subject: string | null;
  status: 'ticket' | 'comment' | 'ignored' | 'rejected' | 'failed';
  reason: string | null;
  ticket_id: string | null;
  comment_id: string | null;
  raw: Buffer | null;
  received_at: CreatedAt;
}

export interface MailThreadRefsTable {
  tenant_id: string;
  message_id: string;
  ticket_id: string;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  tenant_id: string;
  contact_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface MailDomainRateTable {
  tenant_id: string;
  domain: string;
  kind: string;
  window_started_at: Date;
  count: number;
}

export interface SmsSettingsTable {
  tenant_id: string;
  settings: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
}

export type SmsKind = 'phone-code' | 'action-code' | 'temporary-password' | 'test';

export interface SmsMessagesTable {
  id: Generated<string>;
  tenant_id: string;
  contact_id: string | null;
  to_e164: string;
  kind: SmsKind;
  /** What the console shows once an outside provider took the message: secrets redacted. */
  body: string;
  /** The full text sealed with the app key; null once an outside provider accepted it. */
  body_enc: string | null;
  status: Generated<'queued' | 'sent' | 'outbox' | 'failed'>;
  provider: string | null;
  provider_id: string | null;
  error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

export interface SmsCodesTable {
  id: Generated<string>;
  tenant_id: string;
  contact_id: string;
  purpose: 'phone' | 'action';
  phone_e164: string;
  device_id: string | null;
  action: string | null;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Date;
  used_at: Date | null;
  created_at: CreatedAt;
}

export interface SoftwarePackagesTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  chocolatey_id: string | null;
  homebrew_formula: string | null;
  homebrew_cask: string | null;
  winget_id: string | null;
  /** Other names the assistant matches requests against (issue 13 item 6). */
  aliases: Generated<string[]>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SelfServiceSettingsTable {
  tenant_id: string;
  chocolatey_source: string | null;
  homebrew_tap: string | null;
  paused: Generated<boolean>;
  /** Issue 13 item 5: action → 'allowed' | 'confirm' | 'approval' (missing key: allowed). */
  action_policies: ColumnType<unknown, string | undefined, string>;
  updated_at: Timestamp;
}

export type SelfServiceRequestStatus = 'awaiting-confirmation' | 'awaiting-approval' | 'awaiting-code' | 'confirmed' | 'cancelled' | 'expired' | 'denied';

export interface SelfServiceRequestsTable {
  id: Generated<string>;
  tenant_id: string;
  contact_id: string;
  customer_id: string;
  device_id: string;
  action: string;
  package_id: string | null;
  status: SelfServiceRequestStatus;
  code_id: string | null;
  command_id: string | null;
  created_at: CreatedAt;
  confirmed_at: Date | null;
  policy: Generated<string>;
  expires_at: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: ColumnType<string, string | number, never>;
  at: ColumnType<Date, Date, never>;
  actor: string;
  event: string;
  subject: string;
  data: ColumnType<unknown, string, never>;
  prev_hash: string;
  hash: string;
}

/** Issue 12: per-customer enrolment tokens (SHA-256 of the token), multi-use until expiry or revocation. */
export interface EnrolmentTokensTable {
  id: Generated<string>;
  tenant_id: string;
  customer_id: string;
  token_hash: string;
  expires_at: Date;
  revoked_at: Date | null;
  used_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface DevicesTable {
  id: Generated<string>;
  tenant_id: string;
  customer_id: string;
  public_key: string;
  hostname: string;
  os: string;
  inventory: ColumnType<unknown, string, string>;
  online: Generated<boolean>;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  created_at: CreatedAt;
}

export interface DeviceContactsTable {
  tenant_id: string;
  device_id: string;
  contact_id: string;
}

export interface AgentCommandsTable {
  id: string;
  tenant_id: string;
  device_id: string;
  action: string;
  params_public: ColumnType<unknown, string, string>;
  nonce: string;
  verification_id: string;
  requested_by_contact_id: string | null;
  requested_by_technician_id: string | null;
  signed_enc: string | null;
  status: string;
  issued_at: Date;
  expires_at: Date;
  result_detail: string | null;
  refusal_reason: string | null;
}

export interface AgentCommandEventsTable {
  id: Generated<string>;
  command_id: string;
  tenant_id: string;
  status: string;
  at: Generated<Date>;
  detail: string | null;
}

export interface AssistantSessionsTable {
  id: Generated<string>;
  tenant_id: string;
  contact_id: string;
  customer_id: string;
  title: string;
  ticket_id: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface AssistantMessagesTable {
  id: Generated<string>;
  tenant_id: string;
  session_id: string;
  role: 'contact' | 'assistant';
  text: string;
  cards: ColumnType<unknown, string | undefined, string>;
  interpretation: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface AssistantModelKeysTable {
  tenant_id: string;
  api_key_enc: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** D-2: a tenant's custom portal domain (migration 0019). */
export interface TenantDomainsTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  state: Generated<'pending' | 'verified' | 'failed' | 'removed'>;
  failure_reason: string | null;
  failures: Generated<number>;
  checked_at: Date | null;
  verified_at: Date | null;
  created_at: CreatedAt;
}

/** Issue 14 item 3 (D-3): one certificate per host, shared by every node. */
export interface TlsCertificatesTable {
  host: string;
  tenant_id: string | null;
  state: 'pending' | 'valid' | 'failed';
  cert_pem: string | null;
  key_sealed: string | null;
  not_after: Date | null;
  failure_reason: string | null;
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  updated_at: Generated<Date>;
}

/** ACME HTTP-01 answers, in the database so whichever node the CA reaches answers. */
export interface AcmeChallengesTable {
  token: string;
  key_authorization: string;
  host: string;
  created_at: Generated<Date>;
}

export interface WebhookEndpointsTable {
  id: Generated<string>;
  tenant_id: string;
  url: string;
  description: Generated<string>;
  event_types: ColumnType<string[], string[], string[]>;
  enabled: Generated<boolean>;
  /** The signing secret sealed with the app key (`platform/crypto/keys.ts`). */
  secret_enc: string;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  tenant_id: string;
  endpoint_id: string;
  /** Standard Webhooks `webhook-id` (`msg_…`): the same on every attempt. */
  message_id: string;
  event_type: string;
  /** The serialised JSON body, written once: every attempt sends these bytes. */
  body: string;
  status: Generated<'pending' | 'delivered' | 'dead'>;
  attempts: Generated<number>;
  response_status: number | null;
  last_error: string | null;
  created_at: CreatedAt;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
}

/** Issue 15 item 5: one run of the Atera importer (migration 0024). */
export type AteraPhase = 'customers' | 'contacts' | 'tickets' | 'comments' | 'articles' | 'finished';
export type AteraJobStatus = 'running' | 'failed' | 'cancelled' | 'done';

export interface AteraImportJobsTable {
  id: Generated<string>;
  tenant_id: string;
  status: AteraJobStatus;
  base_url: string;
  /** The API key sealed with the app key; null once the job ended. */
  api_key_enc: string | null;
  phase: AteraPhase;
  page: Generated<number>;
  /** In the comments phase: the Atera ticket id whose comments are being read. */
  comment_ticket: string | null;
  /** Bumped by every step, resume and cancel: a queued step of an older chain is dropped. */
  step: Generated<number>;
  counts: ColumnType<unknown, string | undefined, string>;
  last_error_code: string | null;
  last_error: string | null;
  started_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: Date | null;
}

export interface AteraImportMapTable {
  tenant_id: string;
  kind: 'customer' | 'contact' | 'ticket' | 'comment' | 'article';
  external_id: string;
  porta_id: string;
}

export interface Database {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  tls_certificates: TlsCertificatesTable;
  acme_challenges: AcmeChallengesTable;
  tenants: TenantsTable;
  technicians: TechniciansTable;
  technician_recovery_codes: RecoveryCodesTable;
  customers: CustomersTable;
  customer_domains: CustomerDomainsTable;
  contacts: ContactsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_throttle: LoginThrottleTable;
  instance_settings: InstanceSettingsTable;
  default_tenant: DefaultTenantTable;
  ticket_statuses: TicketStatusesTable;
  tickets: TicketsTable;
  ticket_comments: TicketCommentsTable;
  ticket_attachments: TicketAttachmentsTable;
  custom_fields: CustomFieldsTable;
  ticket_field_values: TicketFieldValuesTable;
  portal_settings: PortalSettingsTable;
  tenant_branding: TenantBrandingTable;
  outbox: OutboxTable;
  kb_categories: KbCategoriesTable;
  kb_articles: KbArticlesTable;
  kb_translations: KbTranslationsTable;
  kb_votes: KbVotesTable;
  kb_settings: KbSettingsTable;
  mail_settings: MailSettingsTable;
  mail_inbound_addresses: MailInboundAddressesTable;
  mail_inbound: MailInboundTable;
  mail_thread_refs: MailThreadRefsTable;
  password_resets: PasswordResetsTable;
  mail_domain_rate: MailDomainRateTable;
  sms_settings: SmsSettingsTable;
  sms_messages: SmsMessagesTable;
  sms_codes: SmsCodesTable;
  software_packages: SoftwarePackagesTable;
  self_service_settings: SelfServiceSettingsTable;
  self_service_requests: SelfServiceRequestsTable;
  audit_log: AuditLogTable;
  enrolment_tokens: EnrolmentTokensTable;
  devices: DevicesTable;
  device_contacts: DeviceContactsTable;
  agent_commands: AgentCommandsTable;
  agent_command_events: AgentCommandEventsTable;
  assistant_sessions: AssistantSessionsTable;
  assistant_messages: AssistantMessagesTable;
  assistant_model_keys: AssistantModelKeysTable;
  tenant_domains: TenantDomainsTable;
  atera_import_jobs: AteraImportJobsTable;
  atera_import_map: AteraImportMapTable;
}

export type TenantRow = Selectable<TenantsTable>;
export type TechnicianRow = Selectable<TechniciansTable>;
export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<ContactsTable>;
export type NewContact = Insertable<ContactsTable>;
export type ContactUpdate = Updateable<ContactsTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
