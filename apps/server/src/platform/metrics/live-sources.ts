/**
 * Counts the process holds live (open event streams, agent sockets), read by `/metrics` at
 * scrape time. A feature registers a reader when it starts and removes it when it stops; nothing
 * here costs anything while metrics are off.
 */
const sources = new Map<string, () => number>();

export function registerLiveSource(name: string, read: () => number): () => void {
  sources.set(name, read);
  return () => {
    if (sources.get(name) === read) sources.delete(name);
  };
}

export function readLiveSources(): Array<{ name: string; value: number }> {
  return [...sources].map(([name, read]) => ({ name, value: read() }));
}

let openStreams = 0;

/** One more open `text/event-stream` answer until `res` closes. */
export function countStream(res: { once(event: 'close', listener: () => void): unknown }): void {
  openStreams++;
  res.once('close', () => openStreams--);
}

registerLiveSource('event_streams', () => openStreams);
