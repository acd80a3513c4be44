import { assistantAnswerSchema, assistantMessageBodySchema, assistantSessionListSchema, assistantSessionSchema } from '@porta/contracts/assistant';
import { idParamsSchema } from '@porta/contracts/common';
import { assertNotThrottled, recordFailure, type ThrottleRule } from '../../platform/auth/throttle.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { assistantCaller } from './assistant.policy.ts';
import { getSession, listSessions, sendMessage } from './assistant.service.ts';
import { openAnswerStream } from './answer-stream.ts';
import { followActionResults } from './transcript-follower.ts';

const contactAccess = { access: 'contact' } as const;
const tags = ['portal'];

/**
 * Messages per contact: 60 in 10 minutes, then 5 minutes of 429 TOO_MANY_ATTEMPTS (with the
 * seconds to wait). A person typing never gets near it; a script looping on the route (and on a
 * tenant's paid model behind it) does. Counted in the database, so it holds across nodes.
 */
const messageRules = (tenantId: string, contactId: string): ThrottleRule[] => [{ key: `assistant-msg:${tenantId}:${contactId}`, limit: 60, windowMs: 10 * 60_000, blockMs: 5 * 60_000 }];

/** AI-1, AI-2: the portal's assistant. Section off for the contact → every route is 404. */
export function assistantRoutes(app: ZodApp, ctx: AppContext): void {
  const stop = followActionResults(ctx, (err) => app.log.error({ err }, 'assistant transcript update failed'));
  app.addHook('onClose', async () => stop());

  app.post(
    '/api/v1/portal/assistant/messages',
    { config: contactAccess, schema: { tags, body: assistantMessageBodySchema, response: { 200: assistantAnswerSchema } } },
    async (req, reply) => {
      const caller = assistantCaller(req);
      const rules = messageRules(caller.tenantId, caller.contact.id);
      await assertNotThrottled(ctx, rules);
      await recordFailure(ctx, rules);
      if (!/\btext\/event-stream\b/.test(req.headers.accept ?? '')) {
        const { engine: _engine, ...answer } = await sendMessage(ctx, caller, req.body);
        return answer;
      }
      // Checked before the stream opens, so a wrong session is a plain 404 like any other.
      if (req.body.sessionId) await getSession(ctx, caller, req.body.sessionId);
      const stream = openAnswerStream(req, reply);
      try {
        const { engine: _engine, ...answer } = await sendMessage(ctx, caller, req.body, (text) => stream.send('delta', { text }));
        stream.send('done', answer);
      } catch (err) {
        stream.fail(err);
      }
      stream.end();
    },
  );

  app.get('/api/v1/portal/assistant/sessions', { config: contactAccess, schema: { tags, response: { 200: assistantSessionListSchema } } }, async (req) => listSessions(ctx, assistantCaller(req)));

  app.get('/api/v1/portal/assistant/sessions/:id', { config: contactAccess, schema: { tags, params: idParamsSchema, response: { 200: assistantSessionSchema } } }, async (req) =>
    getSession(ctx, assistantCaller(req), req.params.id),
  );
}
