import { describe, expect, it } from 'vitest';
import { gated, tick } from '../../test/gated.ts';
import { SingleFlight } from './single-flight.ts';

describe('SingleFlight (issue 16: one lookup for the requests that miss a cache together)', () => {
  it('gives every caller of a running key that load’s answer, and loads again once it has finished', async () => {
    const flight = new SingleFlight<string, number>();
    const g = gated<number>();
    const answers = Promise.all(Array.from({ length: 20 }, () => flight.run('a', g.load)));
    await tick();
    expect(g.started()).toBe(1);
    g.release(7);
    expect(await answers).toEqual(Array.from({ length: 20 }, () => 7));
    expect(flight.size).toBe(0);
    const later = flight.run('a', g.load);
    await tick();
    expect(g.started()).toBe(2);
    g.release(8);
    expect(await later).toBe(8);
  });

  it('runs different keys side by side', async () => {
    const flight = new SingleFlight<string, string>();
    const g = gated<string>();
    const a = flight.run('a', g.load);
    const b = flight.run('b', g.load);
    await tick();
    expect(g.started()).toBe(2);
    g.release('first');
    g.release('second');
    expect([await a, await b]).toEqual(['first', 'second']);
  });

  it('hands a failure to every waiting caller, and the next caller starts afresh', async () => {
    const flight = new SingleFlight<string, number>();
    const g = gated<number>();
    const waiting = [flight.run('a', g.load), flight.run('a', g.load)];
    await tick();
    g.fail(new Error('database gone'));
    for (const w of waiting) await expect(w).rejects.toThrow('database gone');
    const again = flight.run('a', g.load);
    await tick();
    expect(g.started()).toBe(2);
    g.release(1);
    expect(await again).toBe(1);
  });

  it('a load that throws before its first await is a rejection, not a throw', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(
      flight.run('a', () => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    expect(flight.size).toBe(0);
  });

  it('after forget, callers start a load of their own; the forgotten one still answers its callers', async () => {
    const flight = new SingleFlight<string, number>();
    const g = gated<number>();
    const before = flight.run('a', g.load);
    await tick();
    flight.forget();
    const after = flight.run('a', g.load);
    await tick();
    expect(g.started()).toBe(2);
    g.release(1);
    expect(await before).toBe(1);
    // The first load's end must not take the second off the books.
    expect(flight.size).toBe(1);
    expect(flight.run('a', g.load)).toBe(after);
    g.release(2);
    expect(await after).toBe(2);
  });
});
