import { describe, expect, it } from 'vitest';
import { PING_SLOTS, PingSlots } from './gateway.ts';

/** Issue 12: pings spread over the heartbeat interval, not one burst for every socket. */
describe('PingSlots', () => {
  it('hands out every agent exactly once per round of ticks, in even slots', () => {
    const slots = new PingSlots<number>();
    expect(slots.count).toBe(PING_SLOTS);
    for (let i = 0; i < 1000; i++) slots.add(i);
    const seen = new Map<number, number>();
    const sizes: number[] = [];
    let first: number[] = [];
    for (let tick = 0; tick < PING_SLOTS; tick++) {
      const batch = slots.next();
      if (tick === 0) first = batch;
      sizes.push(batch.length);
      for (const i of batch) seen.set(i, (seen.get(i) ?? 0) + 1);
    }
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    // The next round starts over with the first slot.
    expect(slots.next()).toEqual(first);
  });

  it('never hands out a removed agent, and fills the emptied slot first', () => {
    const slots = new PingSlots<string>(3);
    for (const a of ['a', 'b', 'c', 'd', 'e', 'f']) slots.add(a);
    slots.remove('b');
    slots.remove('e');
    slots.add('a');
    expect(slots.size).toBe(4);
    slots.add('g');
    const round = [slots.next(), slots.next(), slots.next()];
    expect(round.flat().sort()).toEqual(['a', 'c', 'd', 'f', 'g']);
    expect(round.map((r) => r.length).sort()).toEqual([1, 2, 2]);
    slots.clear();
    expect([slots.next(), slots.next(), slots.next()].flat()).toEqual([]);
  });
});
