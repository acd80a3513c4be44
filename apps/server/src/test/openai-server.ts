import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible chat-completions server for tests (AI-5b): it speaks the real wire
 * protocol (POST /v1/chat/completions, `stream: true` answered as server-sent events of
 * `chat.completion.chunk` objects with `choices[].delta.content` and `delta.tool_calls`
 * fragments, then `data: [DONE]`). Each request takes the next scripted turn.
 */
export type Turn =
  | { text: string }
  | { toolCalls: { name: string; args: unknown }[]; text?: string }
  | { status: number }
  | { garbage: string };

export interface ModelRequest {
  headers: http.IncomingHttpHeaders;
  body: { model: string; stream: boolean; messages: { role: string; content: string | null; tool_call_id?: string; tool_calls?: unknown[] }[]; tools?: { function: { name: string } }[] };
}

export interface ModelServer {
  baseUrl: string;
  requests: ModelRequest[];
  script(turns: Turn[]): void;
  close(): Promise<void>;
}

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 0, model: 'test-model', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

function write(res: http.ServerResponse, turn: Turn, seq: number): void {
  if ('status' in turn) {
    res.writeHead(turn.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'scripted failure' } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  if ('garbage' in turn) {
    res.end(`data: ${turn.garbage}\n\n`);
    return;
  }
  res.write(chunk({ role: 'assistant', content: '' }));
  const text = turn.text ?? '';
  // The text in small pieces, as models stream it.
  for (let i = 0; i < text.length; i += 7) res.write(chunk({ content: text.slice(i, i + 7) }));
  if ('toolCalls' in turn) {
    turn.toolCalls.forEach((c, index) => {
      const args = JSON.stringify(c.args);
      const half = Math.ceil(args.length / 2);
      // The call's id and name first, its JSON arguments in two fragments.
      res.write(chunk({ tool_calls: [{ index, id: `call_${seq}_${index}`, type: 'function', function: { name: c.name, arguments: '' } }] }));
      res.write(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, half) } }] }));
      res.write(chunk({ tool_calls: [{ index, function: { arguments: args.slice(half) } }] }));
    });
    res.write(chunk({}, 'tool_calls'));
  } else {
    res.write(chunk({}, 'stop'));
  }
  res.end('data: [DONE]\n\n');
}

export async function startModelServer(): Promise<ModelServer> {
  let turns: Turn[] = [];
  const requests: ModelRequest[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      requests.push({ headers: req.headers, body: JSON.parse(Buffer.concat(parts).toString('utf8')) as ModelRequest['body'] });
      const turn = turns.shift() ?? { text: 'Done.' };
      write(res, turn, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(next) {
      turns = [...next];
      requests.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
