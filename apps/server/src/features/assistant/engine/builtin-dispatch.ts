import type { Action } from '@porta/agent-protocol';
import type { AssistantCard, Interpretation } from '@porta/contracts/assistant';
import { translate } from '@porta/i18n/translate';
import { createTicketTool } from '../tools/create-ticket.ts';
import { myDevices } from '../tools/devices.ts';
import { myTicketsTool } from '../tools/my-tickets.ts';
import { AGENT_ACTION, requestOnDevice } from '../tools/request-action.ts';
import { catalogue } from '../tools/request-install.ts';
import { searchKb } from '../tools/search-kb.ts';
import type { ToolContext, ToolResult } from '../tools/tool.types.ts';
import type { EngineAnswer, SessionState } from './answer.types.ts';
import { understand } from './builtin/understand.ts';
import type { CataloguePackage, EngineDevice, Understanding } from './engine.types.ts';

/**
 * AI-5a: the built-in engine. `understand()` reads the message (pure); this runs what it
 * understood through the tools, as the contact, and words the reply in their language.
 */
export async function builtinAnswer(t: ToolContext, text: string, state: SessionState): Promise<EngineAnswer> {
  const [devices, packages] = await Promise.all([myDevices(t), catalogue(t)]);
  const u = understand({ text, lang: t.caller.language, catalogue: packages, devices });
  return dispatch(t, u, { text, devices, packages, state });
}

interface Known {
  text: string;
  devices: readonly EngineDevice[];
  packages: readonly CataloguePackage[];
  state: SessionState;
}

const say = (t: ToolContext, key: string, params: Record<string, string | number> = {}) => translate(t.caller.language, 'assistant', key, params);

/** The device a message names by its name, when understand() did not say. */
function namedDevice(devices: readonly EngineDevice[], text: string): EngineDevice | null {
  const lower = text.toLowerCase();
  return devices.find((d) => d.name.length >= 2 && lower.includes(d.name.toLowerCase())) ?? null;
}

/** Turns an Understanding into tool calls and a reply. Exported for tests given an Understanding directly. */
export async function dispatch(t: ToolContext, u: Understanding, k: Known): Promise<EngineAnswer> {
  const interpretation: Interpretation = { intent: u.intent, ...(u.action !== undefined && { action: u.action }), ...(u.intent === 'install' && { packageId: u.packageId ?? null }) };
  const done = (reply: string, cards: AssistantCard[] = [], log: string[] = [], extra: Partial<Interpretation> = {}): EngineAnswer => ({ reply, cards, log, interpretation: { ...interpretation, ...extra }, engine: 'builtin' });
  const device = (u.deviceId ? k.devices.find((d) => d.id === u.deviceId) : undefined) ?? namedDevice(k.devices, k.text);

  // "LAPTOP-7" after "which computer?": the pending action on the device named.
  const pending = k.state.pendingChoice;
  if (pending && device && u.intent === 'other') {
    return act(t, device, pending.action, pending.packageId ? (k.packages.find((p) => p.id === pending.packageId) ?? null) : null, done);
  }

  switch (u.intent) {
    case 'action':
    case 'install': {
      if (!t.caller.sections.selfService) return done(say(t, 'actionsOff'));
      const action: Action = u.intent === 'install' ? 'install-software' : AGENT_ACTION[u.action ?? 'restart'];
      let pkg: CataloguePackage | null = null;
      if (u.intent === 'install') {
        pkg = u.packageId ? (k.packages.find((p) => p.id === u.packageId) ?? null) : null;
        // Outside the catalogue: refused politely, and nothing proposed in its place.
        if (!pkg) return done(u.productName ? say(t, 'notInCatalogue', { product: u.productName }) : say(t, 'notInCatalogueUnnamed'), [], [`install ${u.productName ?? '?'}: not in the catalogue`]);
      } else if (!u.action) {
        return done(say(t, 'fallback'));
      }
      if (k.devices.length === 0) return done(say(t, 'noDevices'));
      const target = device ?? (k.devices.length === 1 ? k.devices[0] : undefined);
      if (!target) {
        const card: AssistantCard = { kind: 'choose-device', action, packageId: pkg?.id ?? null, devices: k.devices.map((d) => ({ id: d.id, name: d.name, os: d.os })) };
        return done(say(t, 'chooseDevice'), [card]);
      }
      return act(t, target, action, pkg, done);
    }
    case 'kb': {
      if (!t.caller.sections.kb) return done(say(t, 'kbOff'));
      const r = await searchKb(t, { query: u.kbQuery ?? k.text });
      const articles = (r.data.articles as { id: string }[] | undefined) ?? [];
      if (articles.length === 0) return done(say(t, 'kbNone'), [], [], { articleIds: [] });
      return done(say(t, 'kbFound'), r.cards, [], { articleIds: articles.map((a) => a.id) });
    }
    case 'ticket': {
      const existing = k.state.ticket;
      if (existing) return done(say(t, 'ticketExisting', { number: existing.number }), [{ kind: 'ticket', ticketId: existing.id, number: existing.number, title: existing.title, status: existing.status }]);
      if (!t.caller.sections.tickets) return done(say(t, 'ticketsOff'));
      const r = await createTicketTool(t, { summary: k.text });
      const card = r.cards[0];
      if (!r.ok || card?.kind !== 'ticket') return done(say(t, 'refused.other'));
      return done(say(t, 'ticketCreated', { number: card.number }), r.cards, r.log ? [r.log] : []);
    }
    case 'ticket_status': {
      if (!t.caller.sections.tickets) return done(say(t, 'ticketsOff'));
      const r = await myTicketsTool(t);
      return done(say(t, r.cards.length > 0 ? 'ticketsList' : 'noTickets'), r.cards);
    }
    default:
      return done(say(t, 'fallback'));
  }
}

const REFUSALS = new Set(['PHONE_NOT_VERIFIED', 'SELF_SERVICE_PAUSED', 'ACTION_NOT_AVAILABLE', 'SOFTWARE_NOT_FOR_OS', 'SMS_RATE_LIMITED', 'DEVICE_NOT_FOUND']);

async function act(t: ToolContext, device: EngineDevice, action: Action, pkg: CataloguePackage | null, done: (reply: string, cards?: AssistantCard[], log?: string[]) => EngineAnswer): Promise<EngineAnswer> {
  const r: ToolResult = await requestOnDevice(t, device.id, action, pkg ? { id: pkg.id, name: pkg.name } : null);
  const log = r.log ? [r.log] : [];
  if (!r.ok) return done(say(t, `refused.${r.code && REFUSALS.has(r.code) ? r.code : 'other'}`), [], log);
  const key = action === 'install-software' ? 'install' : (Object.entries(AGENT_ACTION).find(([, v]) => v === action)?.[0] ?? 'restart');
  // Issue 13 item 5: the tenant's mode for this action decides what the contact does next.
  const state = r.cards[0]?.kind === 'action' ? r.cards[0].state : 'awaiting-code';
  if (state === 'awaiting-confirmation' || state === 'awaiting-approval') {
    const label = translate(t.caller.language, 'devices', `actions.${action}`);
    return done(say(t, state === 'awaiting-confirmation' ? 'confirmFirst' : 'approvalFirst', { action: pkg ? `${label}: ${pkg.name}` : label, device: device.name }), r.cards, log);
  }
  return done(say(t, `codeSent.${key}`, { device: device.name, package: pkg?.name ?? '' }), r.cards, log);
}
