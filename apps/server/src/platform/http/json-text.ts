import type { FastifyReply } from 'fastify';

/**
 * Sends an answer that is JSON text already (the ticket lists: items written by PostgreSQL,
 * features/tickets/ticket-summary-json.ts). Fastify sends a string with a JSON content type as
 * it is: no serializer runs, the onSend hooks (security headers) still do. The route's response
 * schema keeps documenting the answer; the tests that compare it with the presenter keep it true.
 */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
