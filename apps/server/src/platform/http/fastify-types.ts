import type { Language } from '@porta/i18n/languages';
import type { Access, Principal, ResolvedTenant } from '../auth/principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    tenant: ResolvedTenant | null;
    principal: Principal | null;
    lang: Language;
  }
  interface FastifyContextConfig {
    /** Required on every /api route. */
    access?: Access;
    /** Set false for the few routes that work before any tenant exists (setup, health). */
    tenant?: boolean;
    /** Allowed while a technician still has to enrol an authenticator. */
    duringTotpEnrolment?: boolean;
    /** Set false on personal-account routes that need a signed-in person, not an API key. */
    apiKey?: boolean;
  }
}

export {};
