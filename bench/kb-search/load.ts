/**
 * A closed-loop load generator for a mix of URLs: `connections` loops, each sending its next
 * request when the previous answer is in (keep-alive), cycling through the mix. Every
 * latency is kept, so p50/p95 are exact (autocannon reports p90 and p97.5, not p95).
 */
import http from 'node:http';
import { round } from '../lib/common.ts';

export interface Target {
  path: string;
  headers: Record<string, string>;
}

export interface LoadShot {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function closedLoop(port: number, targets: Target[], connections: number, durationS: number): Promise<LoadShot> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  const one = (t: Target) =>
    new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: t.path, headers: t.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
      req.setTimeout(10_000, () => req.destroy());
      req.end();
    });
  const loop = async () => {
    while (performance.now() < deadline) {
      const t = targets[next++ % targets.length] as Target;
      const t0 = performance.now();
      const status = await one(t);
      if (status !== 200) errors++;
      else latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: round(latencies.length / elapsed),
    p50: round(percentile(latencies, 50), 2),
    p95: round(percentile(latencies, 95), 2),
    p99: round(percentile(latencies, 99), 2),
    requests: latencies.length,
    errors,
  };
}
