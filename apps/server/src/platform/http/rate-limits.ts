import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { AppError } from '../errors.ts';

/**
 * Request-rate limits (issue 15 item 7) on the routes a script could hammer: searches (a request
 * with `q`) and uploads, counted per route and per signed-in person (or API key's technician), else per IP; counted in
 * each node's memory (a limit per node: the aim is to stop a loop, not to meter), checked after
 * authentication. Over the limit: 429 TOO_MANY_ATTEMPTS, localised, with Retry-After. Sign-in,
 * enrolment and assistant messages have their own limits in the database (platform/auth/throttle.ts).
 * `PORTA_RATE_LIMIT_FACTOR` multiplies every limit (integrations and load benches raise it).
 */
export async function registerRateLimits(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (req) => (req.principal ? `${req.principal.kind}:${req.principal.id}` : `ip:${req.ip}`),
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    addHeaders: { 'x-ratelimit-limit': true, 'x-ratelimit-remaining': true, 'x-ratelimit-reset': true, 'retry-after': true },
    errorResponseBuilder: (_req, context) => new AppError('TOO_MANY_ATTEMPTS', { count: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

const hasQuery = (req: FastifyRequest): boolean => {
  const q = (req.query as { q?: unknown } | undefined)?.q;
  return typeof q === 'string' && q.trim() !== '';
};

/** Searches: 60 in 10 seconds per person (type-ahead while typing stays far below); the same route without `q` is not counted. */
export function searchRateLimit(config: Pick<Config, 'rateLimitFactor'>): RateLimitOptions {
  return { max: 60 * config.rateLimitFactor, timeWindow: 10_000, allowList: (req) => !hasQuery(req) };
}

/** Uploads: 30 a minute per person. */
export function uploadRateLimit(config: Pick<Config, 'rateLimitFactor'>): RateLimitOptions {
  return { max: 30 * config.rateLimitFactor, timeWindow: 60_000 };
}
