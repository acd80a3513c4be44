import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * package.json `overrides` pins `cookie` 1.x (for @fastify/cookie and light-my-request) and
 * `content-disposition` 2.x (for @fastify/static): their newest majors need Node 22 and we
 * support Node 20.19 (#9 item 10). These are the parents' code paths through the pinned
 * versions: cookies set, parsed, signed and read back; a download's Content-Disposition.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-pinned-'));
fs.writeFileSync(path.join(dir, 'naïve report.txt'), 'hello');
const app = Fastify();
await app.register(fastifyCookie, { secret: 'a-secret-of-at-least-32-characters!!' });
await app.register(fastifyStatic, { root: dir, serve: false });
app.get('/set', async (_req, reply) => {
  reply.setCookie('plain', 'a b;c', { path: '/', httpOnly: true, sameSite: 'strict', maxAge: 60 });
  reply.setCookie('signed', 'value', { signed: true, path: '/' });
  return { ok: true };
});
app.get('/read', async (req) => ({ plain: req.cookies.plain, signed: req.unsignCookie(req.cookies.signed ?? '') }));
app.get('/download', (_req, reply) => reply.download('naïve report.txt'));
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dependencies pinned for Node 20 still work in their parents', () => {
  it('@fastify/cookie with cookie 1.x: serialises attributes, parses, signs and unsigns', async () => {
    const set = await app.inject({ url: '/set' });
    const header = set.headers['set-cookie'] as string[];
    expect(header[0]).toBe('plain=a%20b%3Bc; Max-Age=60; Path=/; HttpOnly; SameSite=Strict');
    // light-my-request (cookie 1.x too) parses the answer's cookies.
    expect(set.cookies.map((c) => [c.name, c.value])).toEqual([
      ['plain', 'a b;c'],
      ['signed', expect.stringMatching(/^value\./)],
    ]);
    const signed = set.cookies.find((c) => c.name === 'signed')!.value;
    const read = await app.inject({ url: '/read', cookies: { plain: 'a b;c', signed } });
    expect(read.json()).toEqual({ plain: 'a b;c', signed: { valid: true, renew: false, value: 'value' } });
  });

  it('@fastify/static with content-disposition 2.x: an attachment with an ASCII fallback and the UTF-8 name', async () => {
    const res = await app.inject({ url: '/download' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('hello');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="na?ve report.txt"; filename*=UTF-8''na%C3%AFve%20report.txt`);
  });
});
