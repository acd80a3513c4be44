export interface ResolvedTenant {
  id: string;
  slug: string;
  name: string;
  defaultLanguage: string;
}

export interface TechnicianPrincipal {
  kind: 'technician';
  id: string;
  tenantId: string;
  name: string;
  email: string;
  isAdmin: boolean;
  language: string;
  totpEnabled: boolean;
  /** The tenant requires TOTP and this technician has not enrolled: only enrolment routes work. */
  totpEnrolmentRequired: boolean;
  requireTotp: boolean;
  via: 'session' | 'api-key';
  sessionId: string | null;
  /** The API key a request came with (null for a session): live streams re-check it. */
  apiKeyId: string | null;
  apiKeyScope: 'read' | 'write' | null;
}

export interface ContactPrincipal {
  kind: 'contact';
  id: string;
  tenantId: string;
  customerId: string;
  customerName: string;
  firstName: string;
  lastName: string;
  email: string;
  username: string;
  isPrimary: boolean;
  language: string;
  phone: string | null;
  sessionId: string;
  /** The tenant's stored portal settings, read in the same query as the session, so a change applies at the next request (T-6). */
  portalSettingsRaw: unknown;
  /** The tenant's custom field keys, read with the session too (a field added or deleted ends cached sessions). */
  customFieldKeys: string[];
}

export type Principal = TechnicianPrincipal | ContactPrincipal;

/**
 * Who may call a route. Every `/api` route must declare one (checked at start-up):
 * authorization is never off by default.
 */
export type Access = 'public' | 'technician' | 'admin' | 'contact';
