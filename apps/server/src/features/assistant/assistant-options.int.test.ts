import type { AssistantCard, AssistantSession } from '@porta/contracts/assistant';
import type { PortalMe } from '@porta/contracts/portal';
import { beforeAll, describe, expect, it } from 'vitest';
import { ask, setAssistant } from '../../test/assistant.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { inventory } from '../../test/devices.ts';
import { useTestApp } from '../../test/harness.ts';
import { eventually } from '../../test/tickets.ts';
import { type ModelServer, startModelServer } from '../../test/openai-server.ts';
import { assignedDevice, codeIn, lastSmsTo, type PortalPerson, portalPerson, type SelfServiceWorld, selfServiceWorld, verifyPhone } from '../../test/self-service.ts';

const t = useTestApp();

const ticketOf = (id: string) => t.ctx.db.selectFrom('tickets').select(['id', 'subject', 'description', 'requester_id']).where('id', '=', id).executeTakeFirstOrThrow();

/** AI-3 "assistant creates a ticket" and AI-4 "disable manual ticket creation". */
describe('assistant options', () => {
  let w: SelfServiceWorld;
  let model: ModelServer;
  let anna: PortalPerson;
  let annaPc: string;
  beforeAll(async () => {
    model = await startModelServer();
    w = await selfServiceWorld(t, '+3933344');
    anna = await portalPerson(w);
    await verifyPhone(w, anna);
    annaPc = await assignedDevice(w, anna, inventory({ hostname: 'ANNA-PC', os: 'windows', loggedInUser: 'anna' }));
  });

  it('creates a ticket per session holding the transcript and each action with its result, kept up to date', async () => {
    await setAssistant(w.admin, 'all', { createsTicket: true, engine: 'openai', model: { baseUrl: model.baseUrl, model: 'm' } });
    model.script([{ text: 'Hello! How can I help?' }]);
    const first = await ask(anna.client, 'Good morning');
    const session = (await anna.client.get(`/api/v1/portal/assistant/sessions/${first.sessionId}`)).json<AssistantSession>();
    expect(session.ticketId).not.toBeNull();
    const ticket = await ticketOf(session.ticketId ?? '');
    expect(ticket).toMatchObject({ subject: 'Assistant chat: Good morning', requester_id: anna.id });
    expect(ticket.description).toMatch(/\*\*Contact\*\* \(.+\): Good morning\n\n\*\*Assistant\*\* \(.+\): Hello! How can I help\?/);

    model.script([{ toolCalls: [{ name: 'request_action', args: { device: 'ANNA-PC', action: 'restart' } }] }, { text: 'Code sent.' }]);
    const second = await ask(anna.client, 'restart my PC please', first.sessionId);
    const card = second.message.cards[0] as Extract<AssistantCard, { kind: 'action' }>;
    expect((await ticketOf(ticket.id)).description).toContain('- Actions: Restart — ANNA-PC — Waiting for the code');

    // The contact confirms in the card; the next turn writes the action's result into the ticket.
    const code = codeIn(await lastSmsTo(t.ctx, w.admin, w.fx.tenant.id, anna.phone));
    expectStatus(await anna.client.post(`/api/v1/portal/actions/${card.requestId}/confirm`, { code }), 200);
    model.script([{ text: 'Your PC is restarting.' }]);
    await ask(anna.client, 'thanks', first.sessionId);
    const after = (await ticketOf(ticket.id)).description;
    expect(after).toContain('- Actions: Restart — ANNA-PC — Confirmed (Queued)');
    expect(after).toContain('thanks');
    // The command's result arrives later, with no new message: the ticket follows it anyway.
    const req = await t.ctx.db.selectFrom('self_service_requests').select(['command_id', 'customer_id']).where('id', '=', card.requestId ?? '').executeTakeFirstOrThrow();
    await t.ctx.db.updateTable('agent_commands').set({ status: 'succeeded' }).where('id', '=', req.command_id ?? '').execute();
    await t.ctx.bus.publish({ topic: 'agent-command.changed', tenantId: w.fx.tenant.id, commandId: req.command_id ?? '', deviceId: annaPc, status: 'succeeded', actionId: card.requestId, contactId: anna.id, customerId: req.customer_id });
    expect(await eventually(async () => (await ticketOf(ticket.id)).description.includes('- Actions: Restart — ANNA-PC — Confirmed (Done)'))).toBe(true);
    // One ticket for the session, not one per message.
    const tickets = await t.ctx.db.selectFrom('tickets').select('id').where('requester_id', '=', anna.id).execute();
    expect(tickets).toHaveLength(1);
    expect(annaPc).toBe(card.deviceId);
  });

  it('"talk to a technician" in a session that has its ticket: the same ticket, no second one', async () => {
    model.script([{ text: 'Hi' }]);
    const a = await ask(anna.client, 'hello');
    const sessionTicket = (await anna.client.get(`/api/v1/portal/assistant/sessions/${a.sessionId}`)).json<AssistantSession>().ticketId;
    const countBefore = (await t.ctx.db.selectFrom('tickets').select('id').where('requester_id', '=', anna.id).execute()).length;
    model.script([{ toolCalls: [{ name: 'create_ticket', args: { summary: 'Wants a person' } }] }, { text: 'A technician will call.' }]);
    const b = await ask(anna.client, 'I want to talk to a technician', a.sessionId);
    const before = await t.ctx.db.selectFrom('tickets').select('id').where('requester_id', '=', anna.id).execute();
    expect(b.message.cards).toEqual([expect.objectContaining({ kind: 'ticket', ticketId: sessionTicket })]);
    expect(before).toHaveLength(countBefore);
    expect((await anna.client.get(`/api/v1/portal/assistant/sessions/${a.sessionId}`)).json<AssistantSession>().ticketId).toBe(sessionTicket);
  });

  it('disable manual tickets: the API refuses contacts with a stable, localised code, me says so; the chat still escalates', async () => {
    await setAssistant(w.admin, 'all', { createsTicket: false, disableManualTickets: true, engine: 'builtin' });
    expect((await anna.client.get('/api/v1/portal/me')).json<PortalMe>().manualTickets).toBe(false);
    const before = await t.ctx.db.selectFrom('tickets').select('id').where('tenant_id', '=', w.fx.tenant.id).execute();
    const err = expectError(await anna.client.post('/api/v1/portal/tickets', { subject: 'By hand' }), 403, 'MANUAL_TICKETS_DISABLED');
    expect(err.message).toBe('New tickets are opened from the assistant: ask it to talk to a technician.');
    expect(await t.ctx.db.selectFrom('tickets').select('id').where('tenant_id', '=', w.fx.tenant.id).execute()).toEqual(before);
    // Technicians still open tickets for contacts.
    expectStatus(await w.admin.post('/api/v1/tickets', { contactId: anna.id, subject: 'Console ticket' }), 201);

    await setAssistant(w.admin, 'all', { engine: 'openai', model: { baseUrl: model.baseUrl, model: 'm' } });
    model.script([{ toolCalls: [{ name: 'create_ticket', args: { summary: 'Screen cracked' } }] }, { text: 'Ticket opened.' }]);
    const a = await ask(anna.client, 'my screen is cracked, I need a technician');
    const card = a.message.cards.find((c): c is Extract<AssistantCard, { kind: 'ticket' }> => c.kind === 'ticket');
    const row = await ticketOf(card?.ticketId ?? '');
    expect(row.subject).toBe('Screen cracked');
    expect(row.description).toContain('my screen is cracked, I need a technician');
  });

  it('disable manual tickets applies only where the assistant is on (else contacts would have no way to ask)', async () => {
    await setAssistant(w.admin, 'off', { disableManualTickets: true });
    expect((await anna.client.get('/api/v1/portal/me')).json<PortalMe>().manualTickets).toBe(true);
    expectStatus(await anna.client.post('/api/v1/portal/tickets', { subject: 'By hand again' }), 201);
    await model.close();
  });
});
