import type { AssistantAnswer, AssistantSession } from '@porta/contracts/assistant';
import type { PortalMe } from '@porta/contracts/portal';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, setAssistant } from '../../test/assistant.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { useTestApp } from '../../test/harness.ts';
import { type PortalPerson, portalPerson, type SelfServiceWorld, selfServiceWorld } from '../../test/self-service.ts';

const t = useTestApp();

/** AI-1, AI-2: the assistant's API, its section, and sessions owned by their contact. */
describe('assistant API: section, sessions, streaming', () => {
  let w: SelfServiceWorld;
  let anna: PortalPerson;
  let bruno: PortalPerson;
  beforeAll(async () => {
    w = await selfServiceWorld(t, '+3933342');
    anna = await portalPerson(w);
    bruno = await portalPerson(w, { language: 'it' });
  });

  it('off (the default): every route is 404, me says assistant: false, nothing is written', async () => {
    expect((await anna.client.get('/api/v1/portal/me')).json<PortalMe>().sections.assistant).toBe(false);
    expectError(await anna.client.post('/api/v1/portal/assistant/messages', { text: 'hello' }), 404, 'NOT_FOUND');
    expectError(await anna.client.get('/api/v1/portal/assistant/sessions'), 404, 'NOT_FOUND');
    expectError(await anna.client.get('/api/v1/portal/assistant/sessions/00000000-0000-4000-8000-000000000001'), 404, 'NOT_FOUND');
    const rows = await t.ctx.db.selectFrom('assistant_sessions').select('id').where('tenant_id', '=', w.fx.tenant.id).execute();
    expect(rows).toEqual([]);
  });

  it('on for selected customers only: others still get 404', async () => {
    const other = await portalPerson(w, { customer: (await t.ctx.db.insertInto('customers').values({ tenant_id: w.fx.tenant.id, name: 'Other Co' }).returning('id').executeTakeFirstOrThrow()).id });
    await setAssistant(w.admin, 'selected', {}, [w.customerId]);
    expect((await anna.client.get('/api/v1/portal/me')).json<PortalMe>().sections.assistant).toBe(true);
    expect((await other.client.get('/api/v1/portal/me')).json<PortalMe>().sections.assistant).toBe(false);
    expectError(await other.client.post('/api/v1/portal/assistant/messages', { text: 'hello' }), 404, 'NOT_FOUND');
    await setAssistant(w.admin, 'all');
  });

  it('answers in the contact language, stores both turns, and lists the session for its owner only', async () => {
    const first = await ask(anna.client, 'hello there');
    expect(first.interpretation).toEqual({ intent: 'other' });
    expect(first.reply).toMatch(/technician/);
    const it = await ask(bruno.client, 'ciao');
    expect(it.reply).toMatch(/tecnico/);
    const second = await ask(anna.client, 'anything else?', first.sessionId);
    expect(second.sessionId).toBe(first.sessionId);

    const list = (await anna.client.get('/api/v1/portal/assistant/sessions')).json<{ items: { id: string; title: string }[] }>();
    expect(list.items.map((s) => s.id)).toEqual([first.sessionId]);
    expect(list.items[0]?.title).toBe('hello there');
    const detail = (await anna.client.get(`/api/v1/portal/assistant/sessions/${first.sessionId}`)).json<AssistantSession>();
    expect(detail.messages.map((m) => [m.role, m.text.slice(0, 8)])).toEqual([
      ['contact', 'hello th'],
      ['assistant', first.reply.slice(0, 8)],
      ['contact', 'anything'],
      ['assistant', second.reply.slice(0, 8)],
    ]);
    expect(detail.messages[1]?.id).toBe(first.message.id);
  });

  it("another contact's session is 404 to read and to write in, in the caller's language; nothing is written", async () => {
    const mine = await ask(anna.client, 'my own chat');
    const before = await t.ctx.db.selectFrom('assistant_messages').select('id').where('session_id', '=', mine.sessionId).execute();
    // Bruno reads Italian: the message follows the signed-in contact's language.
    const it = expectError(await bruno.client.get(`/api/v1/portal/assistant/sessions/${mine.sessionId}`), 404, 'ASSISTANT_SESSION_NOT_FOUND');
    expect(it.message).toBe('Conversazione non trovata.');
    expectError(await bruno.client.post('/api/v1/portal/assistant/messages', { sessionId: mine.sessionId, text: 'let me in' }), 404, 'ASSISTANT_SESSION_NOT_FOUND');
    expect(await t.ctx.db.selectFrom('assistant_messages').select('id').where('session_id', '=', mine.sessionId).execute()).toEqual(before);
    expect((await bruno.client.get('/api/v1/portal/assistant/sessions')).json<{ items: { id: string }[] }>().items.map((s) => s.id)).not.toContain(mine.sessionId);
  });

  it('refuses bad input with a stable code and writes nothing', async () => {
    expectError(await anna.client.post('/api/v1/portal/assistant/messages', { text: '   ' }), 400, 'VALIDATION_FAILED');
    expectError(await anna.client.post('/api/v1/portal/assistant/messages', { text: 'x'.repeat(2001) }), 400, 'VALIDATION_FAILED');
    expectError(await anna.client.post('/api/v1/portal/assistant/messages', { text: 'hi', sessionId: 'nope' }), 400, 'VALIDATION_FAILED');
    expectError(await anna.client.post('/api/v1/portal/assistant/messages', { text: 'hi', extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await anna.client.get('/api/v1/portal/assistant/sessions/nope'), 400, 'VALIDATION_FAILED');
  });

  it('streams with Accept: text/event-stream: delta events, then one done holding the answer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/assistant/messages',
      headers: { host: anna.client.host, cookie: anna.client.cookie ?? '', 'x-csrf-token': anna.client.csrfToken ?? '', accept: 'text/event-stream', 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'stream please' }),
      remoteAddress: anna.client.ip,
    });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = res.body
      .trim()
      .split('\n\n')
      .map((block) => ({ event: /^event: (.+)$/m.exec(block)?.[1], data: JSON.parse(/^data: (.+)$/m.exec(block)?.[1] ?? 'null') as unknown }));
    expect(events.map((e) => e.event)).toEqual([...events.slice(0, -1).map(() => 'delta'), 'done']);
    const done = events.at(-1)?.data as AssistantAnswer;
    expect(events.slice(0, -1).map((e) => (e.data as { text: string }).text).join('')).toBe(done.reply);
    const stored = (await anna.client.get(`/api/v1/portal/assistant/sessions/${done.sessionId}`)).json<AssistantSession>();
    expect(stored.messages.at(-1)?.text).toBe(done.reply);
  });

  it('streaming into another contact session: a plain 404, no stream opened', async () => {
    const mine = await ask(anna.client, 'private');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/portal/assistant/messages',
      headers: { host: bruno.client.host, cookie: bruno.client.cookie ?? '', 'x-csrf-token': bruno.client.csrfToken ?? '', accept: 'text/event-stream', 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'peek', sessionId: mine.sessionId }),
      remoteAddress: bruno.client.ip,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('ASSISTANT_SESSION_NOT_FOUND');
  });

  it('answers 60 messages in 10 minutes per contact, then 429 TOO_MANY_ATTEMPTS for that contact only, nothing written', async () => {
    const chatty = await portalPerson(w);
    let sessionId: string | undefined;
    for (let i = 0; i < 60; i++) sessionId = (await ask(chatty.client, `hello ${i}`, sessionId)).sessionId;
    const refused = await chatty.client.post('/api/v1/portal/assistant/messages', { sessionId, text: 'one more' });
    expectError(refused, 429, 'TOO_MANY_ATTEMPTS');
    // The message says how long to wait: the 5-minute block, in seconds.
    expect(Number(/\d+/.exec(refused.json<{ error: { message: string } }>().error.message)?.[0])).toBeGreaterThan(200);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(200);
    const stored = await t.ctx.db.selectFrom('assistant_messages').select('id').where('session_id', '=', sessionId as string).where('role', '=', 'contact').execute();
    expect(stored).toHaveLength(60);
    expectStatus(await bruno.client.post('/api/v1/portal/assistant/messages', { text: 'ciao' }), 200);
  });
});
