import type { AssistantCard, AssistantSession } from '@porta/contracts/assistant';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, setAssistant, toolContextOf } from '../../test/assistant.ts';
import { expectStatus } from '../../test/assertions.ts';
import { inventory } from '../../test/devices.ts';
import { useTestApp } from '../../test/harness.ts';
import { writeArticle } from '../../test/kb.ts';
import { assignedDevice, codeIn, lastSmsTo, type PortalPerson, portalPerson, type SelfServiceWorld, selfServiceWorld, setSelfServiceSection, verifyPhone } from '../../test/self-service.ts';
import { openTicket } from '../../test/tickets.ts';
import { dispatch } from './engine/builtin-dispatch.ts';
import type { SessionState } from './engine/answer.types.ts';
import type { Understanding } from './engine/engine.types.ts';
import { myDevices } from './tools/devices.ts';
import { catalogue } from './tools/request-install.ts';

const t = useTestApp();
const NO_STATE: SessionState = { pendingChoice: null, ticket: null };

/**
 * AI-5a dispatch: given what understand() read, the built-in engine runs the tools as the
 * contact and words the reply. understand() itself is tested by its own suite; here each case
 * hands dispatch an Understanding directly.
 */
describe('built-in engine dispatch', () => {
  let w: SelfServiceWorld;
  let mario: PortalPerson;
  let luigi: PortalPerson;
  let laptop: string;
  let chrome: string;

  const run = async (p: PortalPerson, u: Understanding, text = 'message', state = NO_STATE) => {
    const tc = await toolContextOf(w, p.id);
    return dispatch(tc, u, { text, devices: await myDevices(tc), packages: await catalogue(tc), state });
  };
  const requestsOf = (contactId: string) => t.ctx.db.selectFrom('self_service_requests').selectAll().where('contact_id', '=', contactId).orderBy('created_at').execute();

  beforeAll(async () => {
    w = await selfServiceWorld(t, '+3933341');
    await setAssistant(w.admin, 'all');
    mario = await portalPerson(w, { language: 'it' });
    luigi = await portalPerson(w);
    await verifyPhone(w, mario);
    await verifyPhone(w, luigi);
    laptop = await assignedDevice(w, mario, inventory({ hostname: 'LAPTOP-MARIO', os: 'windows', loggedInUser: 'mario' }));
    chrome = (await w.admin.post('/api/v1/software', { name: 'Google Chrome', chocolateyId: 'googlechrome' })).json<{ id: string }>().id;
  });

  it('an action on the only device: the self-service request is made (SMS code sent), the card carries its id, nothing runs', async () => {
    const a = await run(mario, { intent: 'action', action: 'restart' });
    expect(a.interpretation).toEqual({ intent: 'action', action: 'restart' });
    expect(a.reply).toMatch(/^Ti ho inviato un codice via SMS\..*riavviare LAPTOP-MARIO/);
    const [card] = a.cards as Extract<AssistantCard, { kind: 'action' }>[];
    const [req] = await requestsOf(mario.id);
    expect(card).toEqual({ kind: 'action', deviceId: laptop, deviceName: 'LAPTOP-MARIO', action: 'restart', packageId: null, packageName: null, requestId: req?.id, state: 'awaiting-code', commandStatus: null });
    expect(req).toMatchObject({ status: 'awaiting-code', action: 'restart', device_id: laptop, command_id: null });
    // The code went to the contact's phone; the assistant never saw it.
    const sms = await lastSmsTo(t.ctx, w.admin, w.fx.tenant.id, mario.phone);
    expect(JSON.stringify(a)).not.toContain(codeIn(sms));
  });

  it('the portal confirms the card with the SMS code; the session shows the card confirmed with its command', async () => {
    const answer = await ask(mario.client, 'ciao');
    const tc = await toolContextOf(w, mario.id);
    const a = await dispatch(tc, { intent: 'action', action: 'lock' }, { text: 'blocca', devices: await myDevices(tc), packages: [], state: NO_STATE });
    // Stored as the service would, in the contact's session.
    const msg = await t.ctx.db.insertInto('assistant_messages').values({ tenant_id: w.fx.tenant.id, session_id: answer.sessionId, role: 'assistant', text: a.reply, cards: JSON.stringify(a.cards) }).returning('id').executeTakeFirstOrThrow();
    const card = a.cards[0] as Extract<AssistantCard, { kind: 'action' }>;
    const code = codeIn(await lastSmsTo(t.ctx, w.admin, w.fx.tenant.id, mario.phone));
    expectStatus(await mario.client.post(`/api/v1/portal/actions/${card.requestId}/confirm`, { code }), 200);
    const session = (await mario.client.get(`/api/v1/portal/assistant/sessions/${answer.sessionId}`)).json<AssistantSession>();
    const shown = session.messages.find((m) => m.id === msg.id)?.cards[0];
    expect(shown).toMatchObject({ kind: 'action', requestId: card.requestId, state: 'confirmed', commandStatus: 'queued' });
  });

  it('several devices and none named: choose-device, nothing requested; naming one next goes on with the action', async () => {
    const desk = await assignedDevice(w, luigi, inventory({ hostname: 'DESK-LUIGI', os: 'windows', loggedInUser: 'luigi' }));
    await assignedDevice(w, luigi, inventory({ hostname: 'MAC-LUIGI', os: 'macos', loggedInUser: 'luigi' }));
    const a = await run(luigi, { intent: 'action', action: 'shutdown' });
    expect(a.reply).toBe('Which computer do you mean?');
    expect(a.cards).toEqual([{ kind: 'choose-device', action: 'shutdown', packageId: null, devices: expect.arrayContaining([expect.objectContaining({ name: 'DESK-LUIGI' }), expect.objectContaining({ name: 'MAC-LUIGI' })]) }]);
    expect(await requestsOf(luigi.id)).toEqual([]);
    const pendingChoice = a.cards[0] as SessionState['pendingChoice'];
    const b = await run(luigi, { intent: 'other' }, 'the desk-luigi one', { pendingChoice, ticket: null });
    expect(b.cards[0]).toMatchObject({ kind: 'action', deviceId: desk, action: 'shutdown', state: 'awaiting-code' });
    expect((await requestsOf(luigi.id)).map((r) => [r.action, r.device_id])).toEqual([['shutdown', desk]]);
  });

  it('install from the catalogue: an install request for that package', async () => {
    const a = await run(mario, { intent: 'install', packageId: chrome, productName: 'chrome' });
    expect(a.interpretation).toEqual({ intent: 'install', packageId: chrome });
    expect(a.cards[0]).toMatchObject({ kind: 'action', action: 'install-software', packageId: chrome, packageName: 'Google Chrome', state: 'awaiting-code' });
    expect((await requestsOf(mario.id)).at(-1)).toMatchObject({ action: 'install-software', package_id: chrome });
  });

  it('install outside the catalogue: a polite refusal offering a ticket, nothing proposed, no request', async () => {
    const before = await requestsOf(mario.id);
    const a = await run(mario, { intent: 'install', packageId: null, productName: 'Fortnite' });
    expect(a.interpretation).toEqual({ intent: 'install', packageId: null });
    expect(a.reply).toBe('Fortnite non è tra i software offerti dal tuo fornitore, quindi non posso installarlo. Vuoi che apra un ticket per un tecnico?');
    expect(a.cards).toEqual([]);
    expect(await requestsOf(mario.id)).toEqual(before);
  });

  it("a device that is not the contact's is never acted on", async () => {
    const before = await requestsOf(luigi.id);
    const a = await run(luigi, { intent: 'action', action: 'restart', deviceId: laptop });
    expect(a.cards.every((c) => c.kind !== 'action' || c.deviceId !== laptop)).toBe(true);
    expect((await requestsOf(luigi.id)).filter((r) => r.device_id === laptop)).toEqual([]);
    expect((await requestsOf(luigi.id)).length).toBe(before.length);
  });

  it('without a verified phone: the reply says so, no request', async () => {
    const nophone = await portalPerson(w);
    await assignedDevice(w, nophone);
    const a = await run(nophone, { intent: 'action', action: 'restart' });
    expect(a.reply).toMatch(/verified mobile number/);
    expect(a.cards).toEqual([]);
    expect(await requestsOf(nophone.id)).toEqual([]);
  });

  it('KB questions: articles of the contact language with portal links; articleIds best first', async () => {
    const id = await writeArticle(w.admin, { en: { title: 'Outlook keeps restarting', body: 'Start Outlook in safe mode and repair the profile.' }, it: { title: 'Outlook si riavvia di continuo', body: 'Avvia Outlook in modalità provvisoria e ripara il profilo.' } });
    const a = await run(mario, { intent: 'kb', kbQuery: 'outlook riavvia' });
    expect(a.interpretation).toEqual({ intent: 'kb', articleIds: [id] });
    expect(a.cards).toEqual([{ kind: 'articles', articles: [{ id, title: 'Outlook si riavvia di continuo', url: `/kb/${id}` }] }]);
    const none = await run(mario, { intent: 'kb', kbQuery: 'zzzyqx nothing' });
    expect(none).toMatchObject({ interpretation: { intent: 'kb', articleIds: [] }, cards: [] });
  });

  it("ticket status: the contact's own tickets only; talk to a person: a ticket with the transcript", async () => {
    const own = await openTicket(t.ctx, w.fx.tenant.id, luigi.id, { subject: 'Printer jam' });
    await openTicket(t.ctx, w.fx.tenant.id, mario.id, { subject: 'Mario secret thing' });
    const s = await run(luigi, { intent: 'ticket_status' });
    expect(s.cards).toEqual([{ kind: 'tickets', tickets: [expect.objectContaining({ ticketId: own, title: 'Printer jam', status: 'open' })] }]);
    expect(JSON.stringify(s)).not.toContain('Mario secret');
    const tk = await run(luigi, { intent: 'ticket', reason: 'person' }, 'I want to talk to a person');
    const card = tk.cards[0] as Extract<AssistantCard, { kind: 'ticket' }>;
    expect(tk.reply).toBe(`I opened ticket #${card.number} for a technician, with our conversation attached.`);
    const row = await t.ctx.db.selectFrom('tickets').select(['requester_id', 'subject']).where('id', '=', card.ticketId).executeTakeFirstOrThrow();
    expect(row).toEqual({ requester_id: luigi.id, subject: 'I want to talk to a person' });
  });

  it('self-service off for the contact: no action tools, no request, and the reply offers a ticket', async () => {
    await setSelfServiceSection(w.admin, 'off');
    try {
      const before = await requestsOf(mario.id);
      const a = await run(mario, { intent: 'action', action: 'restart' });
      expect(a.reply).toMatch(/^Qui non posso eseguire azioni/);
      expect(await requestsOf(mario.id)).toEqual(before);
    } finally {
      await setSelfServiceSection(w.admin, 'all');
    }
  });
});
