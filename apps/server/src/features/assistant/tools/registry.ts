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
  /** Checks the model's arguments; the JSON schema the model is shown is derived from it. */
  args: z.ZodType;
  run(t: ToolContext, args: never): Promise<ToolResult>;
}

const TOOLS: Tool[] = [
  {
    name: 'search_kb',
    description: 'Search the knowledge base (in the contact language) for articles that answer a question or symptom.',
    section: 'kb',
    args: z.object({ query: z.string().min(1).max(200).describe('the symptom or question, in words') }),
    run: (t, a: { query: string }) => searchKb(t, a),
  },
  {
    name: 'list_my_devices',
    description: "List the contact's own computers (id, name, os).",
    section: 'selfService',
    args: z.object({}),
    run: (t) => listMyDevices(t),
  },
  {
    name: 'request_action',
    description: "Request an action on one of the contact's computers. This only sends the contact an SMS code; the action runs after they type it in.",
    section: 'selfService',
    args: z.object({ device: z.string().min(1).max(200).describe('device id or name'), action: assistantActionSchema }),
    run: (t, a: { device: string; action: z.infer<typeof assistantActionSchema> }) => requestActionTool(t, a),
  },
  {
    name: 'request_install',
    description: "Request installing a package of the software catalogue on one of the contact's computers (SMS code, as for actions). Nothing outside the catalogue.",
    section: 'selfService',
    args: z.object({ device: z.string().min(1).max(200).describe('device id or name'), package: z.string().min(1).max(200).describe('catalogue package id or name') }),
    run: (t, a: { device: string; package: string }) => requestInstallTool(t, a),
  },
  {
    name: 'create_ticket',
    description: 'Open a ticket for a technician, with this conversation attached. Use when the contact asks for a person or nothing else helps.',
    section: 'tickets',
    args: z.object({ summary: z.string().min(1).max(500).describe('one line: the problem') }),
    run: (t, a: { summary: string }) => createTicketTool(t, a),
  },
  {
    name: 'my_tickets',
    description: "The contact's own tickets: number, title, status, last change.",
    section: 'tickets',
    args: z.object({}),
    run: (t) => myTicketsTool(t),
  },
];

export const TOOL_NAMES = TOOLS.map((t) => t.name);

/** The JSON schema of a tool's arguments, from the same zod schema that checks them (no `$schema` key: not a whole document); built once. */
function parametersOf(args: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...parameters } = z.toJSONSchema(args);
  return parameters;
}
const PARAMETERS = new Map(TOOLS.map((t) => [t.name, parametersOf(t.args)]));

/** The tools offered to the model, in the chat-completions `tools` shape. */
export function toolDefinitions(caller: AssistantCaller) {
  return TOOLS.filter((t) => caller.sections[t.section]).map((t) => ({ type: 'function' as const, function: { name: t.name, description: t.description, parameters: PARAMETERS.get(t.name) ?? {} } }));
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
