import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerCompiler } from './fast-serializer.ts';

const schema = z.object({
  items: z.array(z.object({ id: z.string(), priority: z.enum(['low', 'high']).optional(), dueAt: z.iso.datetime().nullable().optional() })),
  total: z.number().int(),
});
const serialise = fastSerializerCompiler({ schema });

describe('fastSerializerCompiler (hot list routes)', () => {
  it('writes what the zod schema declares, and only that: an undeclared property never leaves the server', () => {
    const out = JSON.parse(serialise({ items: [{ id: 'a', priority: 'high', dueAt: null, secret: 'CC-4711' }], total: 1, extra: true })) as unknown;
    expect(out).toEqual({ items: [{ id: 'a', priority: 'high', dueAt: null }], total: 1 });
  });

  it('leaves out an optional property that is absent or undefined (a field hidden by the presenter, T-6)', () => {
    expect(JSON.parse(serialise({ items: [{ id: 'a', priority: undefined }], total: 1 }))).toEqual({ items: [{ id: 'a' }], total: 1 });
  });

  it('refuses an answer missing a required property, as the zod serializer does', () => {
    expect(() => serialise({ items: [] })).toThrow(/total/);
  });

  it('refuses a schema that is not zod', () => {
    expect(() => fastSerializerCompiler({ schema: { type: 'object' } })).toThrow();
  });
});
