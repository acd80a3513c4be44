import { describe, expect, it } from 'vitest';
import { eventLanes, inLanes } from './outbox-worker.ts';

describe('outbox worker lanes (issue 16 item 2)', () => {
  it('handles every event of a batch, never more at once than its lanes', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const items = Array.from({ length: 20 }, (_, i) => i);
    await inLanes(items, 3, async (i) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1 + (i % 3)));
      done.push(i);
      running--;
    });
    expect(most).toBe(3);
    expect([...done].sort((a, b) => a - b)).toEqual(items);
  });

  it('takes a third of the pool for events, at least one', () => {
    expect(eventLanes(10)).toBe(3);
    expect(eventLanes(undefined)).toBe(3);
    expect(eventLanes(4)).toBe(1);
    expect(eventLanes(1)).toBe(1);
    expect(eventLanes(30)).toBe(10);
  });
});
