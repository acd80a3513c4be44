import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundRefused } from '../../../../platform/net/outbound-guard.ts';
import { type ModelServer, startModelServer } from '../../../../test/openai-server.ts';
import { complete } from './completion.ts';
import { ModelFailure } from './stream-request.ts';

/** AI-5b's wire: a streamed chat completion over a real loopback socket, through the outbound guard. */
describe('chat-completions client', () => {
  let model: ModelServer;
  let silent: http.Server;
  let silentUrl: string;
  beforeAll(async () => {
    model = await startModelServer();
    // Answers the headers and then nothing: a model that hangs.
    silent = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': keep-alive\n\n');
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await model.close();
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  const base = { apiKey: 'k', model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], tools: null, allowPrivate: true, timeoutMs: 5_000 };

  it('joins text deltas (passed on as they come) and tool-call fragments by index', async () => {
    model.script([{ text: 'Checking your devices now.', toolCalls: [{ name: 'list_my_devices', args: {} }, { name: 'request_action', args: { device: 'PC-1', action: 'lock' } }] }]);
    const deltas: string[] = [];
    const c = await complete({ ...base, baseUrl: model.baseUrl, onDelta: (d) => deltas.push(d) });
    expect(c.content).toBe('Checking your devices now.');
    expect(deltas.length).toBeGreaterThan(1);
    expect(c.toolCalls).toEqual([
      { id: 'call_1_0', type: 'function', function: { name: 'list_my_devices', arguments: '{}' } },
      { id: 'call_1_1', type: 'function', function: { name: 'request_action', arguments: '{"device":"PC-1","action":"lock"}' } },
    ]);
  });

  it('a model that hangs ends in a ModelFailure at the time limit', async () => {
    await expect(complete({ ...base, baseUrl: silentUrl, timeoutMs: 300 })).rejects.toThrow(ModelFailure);
  });

  it('an error status or a non-JSON chunk is a ModelFailure', async () => {
    model.script([{ status: 401 }]);
    await expect(complete({ ...base, baseUrl: model.baseUrl })).rejects.toThrow('model answered HTTP 401');
    model.script([{ garbage: 'not json' }]);
    await expect(complete({ ...base, baseUrl: model.baseUrl })).rejects.toThrow(ModelFailure);
  });

  it('through the outbound guard: loopback refused unless the operator allows private addresses', async () => {
    model.script([]);
    await expect(complete({ ...base, baseUrl: model.baseUrl, allowPrivate: false })).rejects.toThrow(OutboundRefused);
    expect(model.requests).toHaveLength(0);
  });
});
