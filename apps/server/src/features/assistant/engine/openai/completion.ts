import { z } from 'zod';
import { ModelFailure, postEventStream } from './stream-request.ts';

/** One message of the chat-completions protocol, as this engine sends them. */
export type ChatMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** One streamed chunk: `choices[0].delta` with text and/or tool-call fragments (by index). */
const chunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            tool_calls: z
              .array(z.object({ index: z.number().int().min(0).max(31), id: z.string().max(200).nullish(), function: z.object({ name: z.string().max(100).nullish(), arguments: z.string().nullish() }).nullish() }))
              .nullish(),
          })
          .nullish(),
      }),
    )
    .default([]),
});

export interface Completion {
  content: string;
  toolCalls: ToolCall[];
}

export interface CompletionRequest {
  baseUrl: string;
  apiKey: string | null;
  model: string;
  messages: ChatMessage[];
  tools: unknown[] | null;
  allowPrivate: boolean;
  timeoutMs: number;
  onDelta?: (text: string) => void;
}

/** `<base>/chat/completions` (base as the provider documents it: https://api.openai.com/v1, http://ollama:11434/v1, …). */
export function completionsUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/chat/completions`;
}

/** One streamed chat completion, text deltas passed on as they come, tool-call fragments joined by index. */
export async function complete(req: CompletionRequest): Promise<Completion> {
  const body = JSON.stringify({ model: req.model, messages: req.messages, stream: true, ...(req.tools && req.tools.length > 0 && { tools: req.tools, tool_choice: 'auto' }) });
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'text/event-stream', ...(req.apiKey && { authorization: `Bearer ${req.apiKey}`, 'api-key': req.apiKey }) };
  let content = '';
  const calls = new Map<number, ToolCall>();
  for await (const data of postEventStream({ url: completionsUrl(req.baseUrl), headers, body, allowPrivate: req.allowPrivate, timeoutMs: req.timeoutMs })) {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      throw new ModelFailure('model sent a chunk that is not JSON');
    }
    const parsed = chunkSchema.safeParse(json);
    if (!parsed.success) throw new ModelFailure('model sent a chunk of another shape');
    const delta = parsed.data.choices[0]?.delta;
    if (!delta) continue;
    if (delta.content) {
      content += delta.content;
      req.onDelta?.(delta.content);
    }
    for (const f of delta.tool_calls ?? []) {
      const call = calls.get(f.index) ?? { id: '', type: 'function' as const, function: { name: '', arguments: '' } };
      if (f.id) call.id = f.id;
      if (f.function?.name) call.function.name += f.function.name;
      if (f.function?.arguments) call.function.arguments += f.function.arguments;
      calls.set(f.index, call);
    }
  }
  const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }));
  return { content, toolCalls };
}
