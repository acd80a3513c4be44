import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import websocket from '@fastify/websocket';
import { CONNECT_PATH, MAX_FRAME_BYTES } from '@porta/agent-protocol';
import { agentDownloadsSchema } from '@porta/contracts/devices';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { sweepExpired } from '../agent-commands/commands.service.ts';
import { agentFilePath, defaultAgentDist, listAgentDownloads } from './agent-downloads.ts';
import { startAgentRuntime } from './agent-runtime.ts';

/**
 * Issue 12: the agents' WebSocket (`GET /api/v1/agent/connect`; the agent proves its key by
 * signing the server's challenge, so the route is public and the tenant comes from the Host),
 * and the built agents' downloads.
 */
export async function registerAgentGateway(app: ZodApp, ctx: AppContext): Promise<void> {
  const runtime = startAgentRuntime(ctx, () => sweepExpired(ctx));
  app.addHook('preClose', async () => runtime.close());
  await app.register(websocket, { options: { maxPayload: MAX_FRAME_BYTES } });
  const dist = ctx.config.agentDist ?? defaultAgentDist();

  app.route({
    method: 'GET',
    url: CONNECT_PATH,
    config: { access: 'public' },
    schema: { tags: ['agent'], hide: true },
    // A plain HTTP request (no upgrade) finds nothing here.
    handler: async () => {
      throw new AppError('NOT_FOUND');
    },
    wsHandler: (socket, req) => {
      // Issue 12: an idle agent connection keeps nothing of the HTTP request that opened it.
      // @fastify/websocket's 'error' listener closes over the Fastify request and reply, and
      // the ServerResponse it assigned to the TCP socket (holding the IncomingMessage and its
      // headers) stays as that socket's current message: with 10,000 agents, each held them
      // for as long as it was connected. The gateway's own error listener replaces the first
      // (accept installs it before anything else); the response lets go of the socket.
      socket.removeAllListeners('error');
      const tcp = req.raw.socket as Socket & { _httpMessage?: ServerResponse | null };
      tcp._httpMessage?.detachSocket(tcp);
      runtime.gateway.accept(socket, req.tenant?.id);
    },
  });

  app.get('/api/v1/agent/downloads', { config: { access: 'technician' }, schema: { tags: ['devices'], response: { 200: agentDownloadsSchema } } }, async () => listAgentDownloads(dist));

  app.get(
    '/api/v1/agent/downloads/:file',
    { config: { access: 'public' }, schema: { tags: ['agent'], params: z.strictObject({ file: z.string().max(100) }) } },
    async (req, reply) => {
      const file = agentFilePath(dist, req.params.file);
      if (!file) throw new AppError('NOT_FOUND');
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${req.params.file}"`)
        .header('x-content-type-options', 'nosniff')
        .send(fs.createReadStream(file));
    },
  );
}
