/// <reference types="node" />
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AssistantAnswer } from '@porta/contracts/assistant';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerStreamError, readAssistantAnswer } from './answer-stream';

const ANSWER: AssistantAnswer = {
  sessionId: '00000000-0000-4000-8000-000000000001',
  reply: 'Ti ho inviato un codice per SMS.',
  interpretation: { intent: 'action', action: 'restart' },
  message: {
    id: '00000000-0000-4000-8000-000000000002',
    role: 'assistant',
    text: 'Ti ho inviato un codice per SMS.',
    cards: [
      {
        kind: 'action',
        deviceId: '00000000-0000-4000-8000-000000000003',
        deviceName: 'PC-MARCO',
        action: 'restart',
        packageId: null,
        packageName: null,
        requestId: '00000000-0000-4000-8000-000000000004',
        state: 'awaiting-code',
        commandStatus: null,
      },
    ],
    createdAt: '2026-12-04T09:00:00.000Z',
  },
};

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/** What each path of the local server writes: pieces with a pause between them, as a streaming server does. */
const ROUTES: Record<string, { type: string; pieces: string[]; destroy?: boolean; holdLast?: boolean }> = {
  '/stream': { type: 'text/event-stream', pieces: [': hello\n\n', event('delta', { text: 'Ti ho inviato ' }), event('delta', { text: 'un codice ' }).slice(0, 12), event('delta', { text: 'un codice ' }).slice(12) + event('delta', { text: 'per SMS.' }), event('done', ANSWER)], holdLast: true },
  '/json': { type: 'application/json; charset=utf-8', pieces: [JSON.stringify(ANSWER)] },
  '/error': { type: 'text/event-stream', pieces: [event('delta', { text: 'Un attimo' }), event('error', { code: 'ASSISTANT_UNAVAILABLE', message: "L'assistente non è disponibile." })] },
  '/cut': { type: 'text/event-stream', pieces: [event('delta', { text: 'Ti ho' })] },
  '/reset': { type: 'text/event-stream', pieces: [event('delta', { text: 'Ti ho' })], destroy: true },
  '/malformed': { type: 'text/event-stream', pieces: [event('done', { sessionId: 'nope' })] },
};

let server: http.Server;
let base = '';
/** `/stream` writes its done event only once the reader has handed over the first delta: proof it reads as the text comes, not at the end. */
let firstDeltaSeen: () => void = () => undefined;
let firstDelta = Promise.resolve();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = ROUTES[req.url ?? ''];
    if (!route) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': route.type, 'cache-control': 'no-cache' });
    let i = 0;
    const next = async () => {
      if (route.holdLast && i === route.pieces.length - 1) await firstDelta;
      if (i < route.pieces.length) {
        res.write(route.pieces[i++]);
        setTimeout(() => void next(), 15);
      } else if (route.destroy) res.destroy();
      else res.end();
    };
    void next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function read(path: string, onFirst: () => void = () => undefined) {
  const deltas: string[] = [];
  const response = await fetch(`${base}${path}`);
  const onDelta = (d: string) => {
    if (deltas.push(d) === 1) onFirst();
  };
  try {
    return { answer: await readAssistantAnswer(response, onDelta), deltas, error: undefined };
  } catch (error) {
    return { answer: undefined, deltas, error };
  }
}

describe('readAssistantAnswer (a real HTTP server streaming the contract)', () => {
  it('hands over each delta as it comes (even one cut across writes), then answers the done event', async () => {
    firstDelta = new Promise((resolve) => (firstDeltaSeen = resolve));
    const { answer, deltas } = await read('/stream', () => firstDeltaSeen());
    expect(deltas).toEqual(['Ti ho inviato ', 'un codice ', 'per SMS.']);
    expect(deltas.join('')).toBe(ANSWER.reply);
    expect(answer).toEqual(ANSWER);
  });

  it('takes a JSON answer (nothing streamed on the way) as the whole reply at once', async () => {
    const { answer, deltas } = await read('/json');
    expect(answer).toEqual(ANSWER);
    expect(deltas).toEqual([ANSWER.reply]);
  });

  it("rejects with the stream's error event: its code and the server's localised message", async () => {
    const { error, deltas } = await read('/error');
    expect(deltas).toEqual(['Un attimo']);
    expect(error).toBeInstanceOf(AnswerStreamError);
    expect(error).toMatchObject({ kind: 'server', code: 'ASSISTANT_UNAVAILABLE', serverMessage: "L'assistente non è disponibile." });
  });

  it('a stream that ends, or breaks, before its done event is a cut answer, not a success', async () => {
    for (const path of ['/cut', '/reset']) {
      const { error, answer } = await read(path);
      expect(answer, path).toBeUndefined();
      expect(error, path).toMatchObject({ kind: 'cut' });
    }
  });

  it('a done event not of the contract\'s shape is malformed', async () => {
    const { error } = await read('/malformed');
    expect(error).toMatchObject({ kind: 'malformed' });
  });
});
