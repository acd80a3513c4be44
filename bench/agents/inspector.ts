// Bench only (issue 12): a minimal Chrome DevTools Protocol client for a Node process started
// with `--inspect=127.0.0.1:<port>` by the bench. Through it the bench forces a full GC before
// reading a process's memory, takes heap snapshots and installs its probes (bench/agents/probe.ts)
// without any code in the app: a production server is never started with --inspect, so nothing
// here can be reached there.
import fs from 'node:fs';
import WebSocket from 'ws';
import { sleep } from '../lib/common.ts';

interface Reply {
  id?: number;
  method?: string;
  params?: { chunk?: string };
  result?: { result?: { value?: unknown; description?: string }; exceptionDetails?: { text?: string; exception?: { description?: string } } };
  error?: { message: string };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

export class Inspector {
  private next = 1;
  private waiting = new Map<number, (r: Reply) => void>();
  private chunkSink: ((chunk: string) => void) | null = null;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const r = JSON.parse(data.toString()) as Reply;
      if (r.method === 'HeapProfiler.addHeapSnapshotChunk' && r.params?.chunk) this.chunkSink?.(r.params.chunk);
      if (r.id !== undefined) {
        this.waiting.get(r.id)?.(r);
        this.waiting.delete(r.id);
      }
    });
  }

  /** Connects to the inspector of a process started with --inspect=127.0.0.1:<port> (waits up to 20 s for it). */
  static async connect(port: number): Promise<Inspector> {
    const end = Date.now() + 20_000;
    let url: string | undefined;
    while (!url && Date.now() < end) {
      try {
        const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
        url = list[0]?.webSocketDebuggerUrl;
      } catch {
        await sleep(100);
      }
    }
    if (!url) throw new Error(`no inspector on port ${port}`);
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Inspector(ws);
  }

  send(method: string, params: Record<string, unknown> = {}): Promise<Reply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => (r.error ? reject(new Error(`${method}: ${r.error.message}`)) : resolve(r)));
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Evaluates an expression in the process's main context (promises awaited); answers its JSON value. */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    const ex = r.result?.exceptionDetails;
    if (ex) throw new Error(`evaluate failed: ${ex.exception?.description ?? ex.text}`);
    return r.result?.result?.value as T;
  }

  /** A full, compacting GC (what a heap snapshot does first), so memory read after it is what is live. */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
  }

  /** Writes a heap snapshot of the process to `file` (it collects garbage first). */
  async heapSnapshot(file: string): Promise<void> {
    const out = fs.openSync(file, 'w');
    this.chunkSink = (chunk) => fs.writeSync(out, chunk);
    try {
      await this.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    } finally {
      this.chunkSink = null;
      fs.closeSync(out);
    }
  }

  /** Starts V8's sampling CPU profiler (1 ms interval). */
  async startProfile(): Promise<void> {
    await this.send('Profiler.enable');
    await this.send('Profiler.setSamplingInterval', { interval: 1000 });
    await this.send('Profiler.start');
  }

  /** Stops the profiler: the `top` functions by self time (ms) and the profile itself. */
  async stopProfile(top = 20): Promise<{ rows: { fn: string; selfMs: number }[]; profile: unknown }> {
    const r = (await this.send('Profiler.stop')) as unknown as { result: { profile: CpuProfile } };
    const p = r.result.profile;
    const self = new Map<number, number>();
    const dt = p.timeDeltas ?? [];
    p.samples?.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0)));
    const byFn = new Map<string, number>();
    for (const n of p.nodes) {
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/')}:${f.lineNumber + 1}`;
      byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0) / 1000);
    }
    const rows = [...byFn].map(([fn, selfMs]) => ({ fn: fn.slice(0, 110), selfMs: Math.round(selfMs) })).sort((a, b) => b.selfMs - a.selfMs);
    return { rows: rows.slice(0, top), profile: p };
  }

  close(): void {
    this.ws.terminate();
  }
}
