import { assistantActionSchema } from '@porta/contracts/assistant';
import { z } from 'zod';
import type { AssistantCaller } from '../assistant.policy.ts';
import { createTicketTool } from './create-ticket.ts';
import { listMyDevices } from './devices.ts';
import { myTicketsTool } from './my-tickets.ts';
import { requestActionTool } from './request-action.ts';
import { requestInstallTool } from './request-install.ts';
import { searchKb } from './search-kb.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

/**
 * AI-6: the tools a model may call, each a thin adapter over a portal service run as the
 * contact. Arguments are checked here (a malformed call is refused, never guessed), and a tool
 * whose section is off for the contact is not offered at all.
 */
interface Tool {
  name: string;
  description: string;
  section: keyof AssistantCaller['sections'];
  args: z.ZodType;
  parameters: Record<string, unknown>;
  run(t: ToolContext, args: never): Promise<ToolResult>;
}

const str = (description: string, max = 200) => ({ type: 'string', description, maxLength: max });

const TOOLS: Tool[] = [
  {
    name: 'search_kb',
    description: 'Search the knowledge base (in the contact language) for articles that answer a question or symptom.',
    section: 'kb',
    args: z.object({ query: z.string().min(1).max(200) }),
    parameters: { type: 'object', properties: { query: str('the symptom or question, in words') }, required: ['query'] },
    run: (t, a: { query: string }) => searchKb(t, a),
  },
  {
    name: 'list_my_devices',
    description: "List the contact's own computers (id, name, os).",
    section: 'selfService',
    args: z.object({}),
    parameters: { type: 'object', properties: {} },
    run: (t) => listMyDevices(t),
  },
  {
    name: 'request_action',
    description: "Request an action on one of the contact's computers. This only sends the contact an SMS code; the action runs after they type it in.",
    section: 'selfService',
    args: z.object({ device: z.string().min(1).max(200), action: assistantActionSchema }),
    parameters: { type: 'object', properties: { device: str('device id or name'), action: { type: 'string', enum: assistantActionSchema.options } }, required: ['device', 'action'] },
    run: (t, a: { device: string; action: z.infer<typeof assistantActionSchema> }) => requestActionTool(t, a),
  },
  {
    name: 'request_install',
    description: "Request installing a package of the software catalogue on one of the contact's computers (SMS code, as for actions). Nothing outside the catalogue.",
    section: 'selfService',
    args: z.object({ device: z.string().min(1).max(200), package: z.string().min(1).max(200) }),
    parameters: { type: 'object', properties: { device: str('device id or name'), package: str('catalogue package id or name') }, required: ['device', 'package'] },
    run: (t, a: { device: string; package: string }) => requestInstallTool(t, a),
  },
  {
    name: 'create_ticket',
    description: 'Open a ticket for a technician, with this conversation attached. Use when the contact asks for a person or nothing else helps.',
    section: 'tickets',
    args: z.object({ summary: z.string().min(1).max(500) }),
    parameters: { type: 'object', properties: { summary: str('one line: the problem', 500) }, required: ['summary'] },
    run: (t, a: { summary: string }) => createTicketTool(t, a),
  },
  {
    name: 'my_tickets',
    description: "The contact's own tickets: number, title, status, last change.",
    section: 'tickets',
    args: z.object({}),
    parameters: { type: 'object', properties: {} },
    run: (t) => myTicketsTool(t),
  },
];

export const TOOL_NAMES = TOOLS.map((t) => t.name);

/** The tools offered to the model, in the chat-completions `tools` shape. */
export function toolDefinitions(caller: AssistantCaller) {
  return TOOLS.filter((t) => caller.sections[t.section]).map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

/** Runs one tool call as the contact; an unknown tool, a section off, or bad arguments are refused. */
export async function runTool(t: ToolContext, name: string, rawArgs: string): Promise<{ name: string; args: unknown; result: ToolResult }> {
  const tool = TOOLS.find((x) => x.name === name);
  if (!tool || !t.caller.sections[tool.section]) return { name, args: null, result: refused('NOT_FOUND') };
  let json: unknown;
  try {
    json = rawArgs.trim() === '' ? {} : JSON.parse(rawArgs);
  } catch {
    return { name, args: null, result: refused('VALIDATION_FAILED') };
  }
  const parsed = tool.args.safeParse(json);
  if (!parsed.success) return { name, args: json, result: refused('VALIDATION_FAILED') };
  return { name, args: parsed.data, result: await tool.run(t, parsed.data as never) };
}
