/**
 * Outbox deliveries by topic and outcome (sent, held, done, retry, dead), counted by the worker
 * as they happen and read by `/metrics` (a counter there). Plain numbers: free while metrics are off.
 */
const counts = new Map<string, { topic: string; outcome: string; n: number }>();

export function countDelivery(topic: string, outcome: 'sent' | 'held' | 'done' | 'retry' | 'dead'): void {
  const key = `${topic}\u0000${outcome}`;
  const c = counts.get(key);
  if (c) c.n++;
  else counts.set(key, { topic, outcome, n: 1 });
}

export function readDeliveries(): ReadonlyArray<{ topic: string; outcome: string; n: number }> {
  return [...counts.values()];
}
