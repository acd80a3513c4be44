import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyServerFactory, type RouteOptions } from 'fastify';
import type pg from 'pg';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './platform/context.ts';
import { registerGuard } from './platform/auth/guard.ts';
import { SessionCache } from './platform/auth/session-cache.ts';
import { frameworkErrors, registerErrorHandler } from './platform/http/error-handler.ts';
import './platform/http/fastify-types.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerMetrics } from './platform/metrics/metrics.routes.ts';
import { registerRateLimits } from './platform/http/rate-limits.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { defaultWebDist, registerWebApp } from './platform/http/web-app.ts';
import { TenantResolver } from './platform/tenancy/tenant-resolver.ts';
import { apiKeyRoutes } from './features/api-keys/api-keys.routes.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { contactRoutes } from './features/contacts/contacts.routes.ts';
import { customerRoutes } from './features/customers/customers.routes.ts';
import { importRoutes } from './features/imports/imports.routes.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { portalAuthRoutes } from './features/portal/portal-auth.routes.ts';
import { securitySettingsRoutes } from './features/settings/security.routes.ts';
import { setupRoutes } from './features/setup/setup.routes.ts';
import { technicianRoutes } from './features/technicians/technicians.routes.ts';
import { customFieldRoutes } from './features/custom-fields/custom-fields.routes.ts';
import { portalSettingsRoutes } from './features/portal-settings/portal-settings.routes.ts';
import { brandingRoutes } from './features/branding/branding.routes.ts';
import { pageBrand } from './features/branding/branding.service.ts';
import { ticketStatusRoutes } from './features/ticket-statuses/ticket-statuses.routes.ts';
import { ticketEventRoutes } from './features/tickets/ticket-events.routes.ts';
import { portalTicketRoutes } from './features/tickets/portal-tickets.routes.ts';
import { ticketRoutes } from './features/tickets/tickets.routes.ts';
import { kbCategoryRoutes } from './features/kb/kb-categories.routes.ts';
import { kbRoutes } from './features/kb/kb.routes.ts';
import { onboardingRoutes } from './features/onboarding/onboarding.routes.ts';
import { portalKbRoutes } from './features/kb/portal-kb.routes.ts';
import { portalHomeRoutes } from './features/portal-home/portal-home.routes.ts';
import { mailRoutes } from './features/mail/mail.routes.ts';
import { portalMailPrefsRoutes } from './features/mail/portal-mail-prefs.routes.ts';
import { inboundRoutes } from './features/mail-inbound/inbound.routes.ts';
import { passwordResetRoutes } from './features/password-reset/password-reset.routes.ts';
import { smsRoutes } from './features/sms/sms.routes.ts';
import { webhookRoutes } from './features/webhooks/webhooks.routes.ts';
import { phoneRoutes } from './features/phone-verification/phone.routes.ts';
import { softwareRoutes } from './features/software/software.routes.ts';
import { assistantRoutes } from './features/assistant/assistant.routes.ts';
import { actionPolicyRoutes } from './features/self-service/action-policy.routes.ts';
import { selfServiceRoutes } from './features/self-service/self-service.routes.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import multipart from '@fastify/multipart';
import { applyMultipartSkipFix } from './platform/http/multipart-skip-fix.ts';
import { registerAgentGateway } from './features/agent-gateway/gateway.routes.ts';
import { deviceRoutes } from './features/devices/devices.routes.ts';
import { enrolmentRoutes } from './features/enrolment/enrolment.routes.ts';
import { customDomainRoutes } from './features/custom-domains/custom-domains.routes.ts';
import { ateraImportRoutes } from './features/imports-atera/imports-atera.routes.ts';
import { customDomainClaims } from './features/custom-domains/domain-claims.ts';
import { registerWithheldHosts } from './platform/http/withheld-hosts.ts';
import { tlsRoutes } from './features/tls/tls.routes.ts';
import { verifiedCustomDomains } from './features/custom-domains/tls-hosts.ts';

export interface BuiltApp {
  app: FastifyInstance;
  tenants: TenantResolver;
}

export interface BuildAppOptions {
  logger?: boolean;
  /** Sees every route as it is registered (the authorization suite lists them with it). */
  onRoute?: (route: RouteOptions) => void;
  /** The database pool, for `/metrics` (connections in use and waiting). */
  pool?: pg.Pool;
  /** D-3: the HTTPS server to answer on (features/tls/tls-runtime.ts), with PORTA_TLS on. */
  serverFactory?: FastifyServerFactory;
}

/** The whole HTTP application, without listening: tests drive it with `app.inject()`. */
export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<BuiltApp> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: ctx.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'] },
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    frameworkErrors,
    ...(opts.serverFactory && { serverFactory: opts.serverFactory }),
  }).withTypeProvider<ZodTypeProvider>();
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // An empty JSON body counts as no body (a POST without payload), not as a parse error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = Object.assign(new Error('Invalid JSON body'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
      done(err, undefined);
    }
  });

  await app.register(cookie);
  applyMultipartSkipFix();
  await app.register(multipart, { limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1, fields: 5, parts: 6 } });
  registerSecurityHeaders(app);
  registerErrorHandler(app, ctx.config);
  await registerOpenApi(app);
  const tenants = new TenantResolver(ctx.db, ctx.config, [customDomainClaims(ctx.db)]);
  const sessions = new SessionCache(ctx.config.sessionCacheMs);
  const stopListening = [sessions.listen(ctx.bus), tenants.listen(ctx.bus)];
  app.addHook('onClose', async () => stopListening.forEach((stop) => stop()));
  registerWithheldHosts(app, tenants);
  registerGuard(app, ctx, tenants, sessions);
  await registerRateLimits(app);

  registerMetrics(app, ctx, opts.pool);
  healthRoutes(app, ctx);
  setupRoutes(app, ctx, tenants);
  authRoutes(app, ctx);
  securitySettingsRoutes(app, ctx);
  technicianRoutes(app, ctx);
  apiKeyRoutes(app, ctx);
  customerRoutes(app, ctx);
  contactRoutes(app, ctx);
  importRoutes(app, ctx);
  portalAuthRoutes(app, ctx);
  portalSettingsRoutes(app, ctx);
  brandingRoutes(app, ctx);
  customDomainRoutes(app, ctx);
  ateraImportRoutes(app, ctx);
  ticketStatusRoutes(app, ctx);
  customFieldRoutes(app, ctx);
  ticketEventRoutes(app, ctx);
  ticketRoutes(app, ctx);
  portalTicketRoutes(app, ctx);
  kbRoutes(app, ctx);
  kbCategoryRoutes(app, ctx);
  portalKbRoutes(app, ctx);
  portalHomeRoutes(app, ctx);
  mailRoutes(app, ctx);
  portalMailPrefsRoutes(app, ctx);
  inboundRoutes(app, ctx);
  passwordResetRoutes(app, ctx);
  onboardingRoutes(app, ctx);
  smsRoutes(app, ctx);
  webhookRoutes(app, ctx);
  phoneRoutes(app, ctx);
  softwareRoutes(app, ctx);
  selfServiceRoutes(app, ctx);
  actionPolicyRoutes(app, ctx);
  assistantRoutes(app, ctx);
  auditRoutes(app, ctx);
  await registerAgentGateway(app, ctx);
  enrolmentRoutes(app, ctx);
  deviceRoutes(app, ctx);
  tlsRoutes(app, ctx, verifiedCustomDomains);

  await registerWebApp(app, ctx.config.webDist ?? defaultWebDist(), tenants, (tenant) => pageBrand(ctx.db, tenant));
  return { app, tenants };
}
