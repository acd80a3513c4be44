import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  agentMessageSchema,
  canonicalBytes,
  canonicalJson,
  commandPayloadSchema,
  enrolRequestSchema,
  installSoftwareParamsSchema,
  parseBrewRef,
  resetPasswordParamsSchema,
  serverMessageSchema,
  signedCommandSchema,
  type CommandPayload,
} from './index.ts';
import {
  generateSigningKeyPair,
  newNonce,
  privateKeyFromRaw,
  publicKeyFromRaw,
  rawFromPrivateKey,
  rawFromPublicKey,
  signCommand,
  signHello,
  verifyCommand,
  verifyHello,
} from './sign.ts';

// SS-8: the signed, closed command set shared by the agent and the server.

function payload(overrides: Partial<Record<string, unknown>> = {}): CommandPayload {
  const issued = new Date('2026-12-03T20:00:00.000Z');
  return {
    v: 1,
    id: '6f1c7c1e-3c55-4b8e-9d7c-0b1b7a9e2f10',
    tenantId: '1d3c7a52-1111-4a4a-8b8b-2c2c2c2c2c2c',
    deviceId: '9a8b7c6d-2222-4e4e-9f9f-3d3d3d3d3d3d',
    action: 'reset-password',
    params: { username: 'alice', temporaryPassword: 'Tmp-Pass-1234!' },
    nonce: 'AAECAwQFBgcICQoLDA0ODw',
    verificationId: '0e0e0e0e-3333-4c4c-8d8d-4b4b4b4b4b4b',
    issuedAt: issued.toISOString(),
    expiresAt: new Date(issued.getTime() + 10 * 60 * 1000).toISOString(),
    ...overrides,
  } as CommandPayload;
}

describe('canonicalBytes', () => {
  it('sorts keys recursively, drops undefined, no whitespace, stable across key order', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined };
    const b = { a: { c: 'x', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(Buffer.from(canonicalBytes(a)).equals(Buffer.from(canonicalBytes(b)))).toBe(true);
  });

  it('pins the bytes of a command payload (a change here breaks every signature in the field)', () => {
    expect(canonicalJson(payload())).toBe(
      '{"action":"reset-password","deviceId":"9a8b7c6d-2222-4e4e-9f9f-3d3d3d3d3d3d","expiresAt":"2026-12-03T20:10:00.000Z",' +
        '"id":"6f1c7c1e-3c55-4b8e-9d7c-0b1b7a9e2f10","issuedAt":"2026-12-03T20:00:00.000Z","nonce":"AAECAwQFBgcICQoLDA0ODw",' +
        '"params":{"temporaryPassword":"Tmp-Pass-1234!","username":"alice"},"tenantId":"1d3c7a52-1111-4a4a-8b8b-2c2c2c2c2c2c",' +
        '"v":1,"verificationId":"0e0e0e0e-3333-4c4c-8d8d-4b4b4b4b4b4b"}',
    );
  });

  it('encodes non-ASCII as UTF-8 and rejects non-JSON values', () => {
    expect(Buffer.from(canonicalBytes({ k: 'é' })).toString('hex')).toBe(Buffer.from('{"k":"é"}', 'utf8').toString('hex'));
    expect(() => canonicalJson({ n: Number.NaN })).toThrow();
    expect(() => canonicalJson({ d: new Date() })).toThrow();
    expect(() => canonicalJson({ b: 1n })).toThrow();
  });
});

describe('keys', () => {
  it('round-trips raw public and private keys', () => {
    const { publicKey, privateKey } = generateSigningKeyPair();
    const rawPub = rawFromPublicKey(publicKey);
    expect(rawPub).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rawFromPublicKey(publicKeyFromRaw(rawPub))).toBe(rawPub);
    expect(rawFromPublicKey(privateKey)).toBe(rawPub);
    const rawPriv = rawFromPrivateKey(privateKey);
    expect(rawFromPublicKey(privateKeyFromRaw(rawPriv))).toBe(rawPub);
    expect(() => publicKeyFromRaw('AAAA')).toThrow();
  });

  it('makes 16-byte base64url nonces accepted by the schema', () => {
    const n = newNonce();
    expect(Buffer.from(n, 'base64url')).toHaveLength(16);
    expect(commandPayloadSchema.safeParse(payload({ nonce: n })).success).toBe(true);
  });
});

describe('signCommand / verifyCommand', () => {
  const { publicKey, privateKey } = generateSigningKeyPair();

  it('verifies what it signed, with the same key only', () => {
    const signed = signCommand(payload(), privateKey);
    expect(signedCommandSchema.safeParse(signed).success).toBe(true);
    expect(verifyCommand(signed, publicKey)).toBe(true);
    expect(verifyCommand(signed, generateSigningKeyPair().publicKey)).toBe(false);
  });

  it('verifies regardless of the key order the payload arrives in (JSON round trip, reordered)', () => {
    const signed = signCommand(payload(), privateKey);
    const reordered = JSON.parse(JSON.stringify({ signature: signed.signature, payload: Object.fromEntries(Object.entries(signed.payload).reverse()) }));
    expect(verifyCommand(reordered, publicKey)).toBe(true);
  });

  const tampers: Array<[string, Record<string, unknown>]> = [
    ['v', { v: 2 }],
    ['id', { id: randomUUID() }],
    ['tenantId', { tenantId: randomUUID() }],
    ['deviceId', { deviceId: randomUUID() }],
    ['action', { action: 'restart', params: {} }],
    ['params.username', { params: { username: 'root', temporaryPassword: 'Tmp-Pass-1234!' } }],
    ['params.temporaryPassword', { params: { username: 'alice', temporaryPassword: 'Other-Pass-99' } }],
    ['nonce', { nonce: 'BBECAwQFBgcICQoLDA0ODw' }],
    ['verificationId', { verificationId: randomUUID() }],
    ['issuedAt', { issuedAt: '2026-12-03T20:00:01.000Z' }],
    ['expiresAt', { expiresAt: '2026-12-03T20:09:59.000Z' }],
    ['an extra key', { extra: true }],
  ];
  it.each(tampers)('fails when %s is changed', (_field, change) => {
    const signed = signCommand(payload(), privateKey);
    expect(verifyCommand({ payload: { ...signed.payload, ...change }, signature: signed.signature }, publicKey)).toBe(false);
  });

  it('fails for a flipped signature bit, a short signature, garbage and non-JSON payloads', () => {
    const signed = signCommand(payload(), privateKey);
    const sig = Buffer.from(signed.signature, 'base64url');
    sig[10] = (sig[10] ?? 0) ^ 1;
    expect(verifyCommand({ ...signed, signature: sig.toString('base64url') }, publicKey)).toBe(false);
    expect(verifyCommand({ ...signed, signature: signed.signature.slice(0, 40) }, publicKey)).toBe(false);
    expect(verifyCommand({ ...signed, signature: '!!!' }, publicKey)).toBe(false);
    expect(verifyCommand({ payload: { n: Number.NaN }, signature: signed.signature }, publicKey)).toBe(false);
  });

  it('hello signatures bind device and nonce', () => {
    const deviceId = randomUUID();
    const nonce = newNonce();
    const sig = signHello(deviceId, nonce, privateKey);
    expect(verifyHello(deviceId, nonce, sig, publicKey)).toBe(true);
    expect(verifyHello(randomUUID(), nonce, sig, publicKey)).toBe(false);
    expect(verifyHello(deviceId, newNonce(), sig, publicKey)).toBe(false);
  });
});

describe('commandPayloadSchema', () => {
  it('accepts every action with its params', () => {
    for (const action of ['restart', 'lock', 'shutdown', 'logout'] as const) {
      expect(commandPayloadSchema.safeParse(payload({ action, params: {} })).success).toBe(true);
    }
    expect(commandPayloadSchema.safeParse(payload()).success).toBe(true);
    const install = { packageId: 'chrome', manager: 'choco', packageRef: 'googlechrome', source: 'https://choco.example.com/api/v2/' };
    expect(commandPayloadSchema.safeParse(payload({ action: 'install-software', params: install })).success).toBe(true);
  });

  it('rejects unknown actions, extra keys, params of another action, bad ids', () => {
    expect(commandPayloadSchema.safeParse(payload({ action: 'format-disk', params: {} })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ extra: 1 })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ action: 'restart', params: { username: 'a' } })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ params: { username: 'alice', temporaryPassword: 'Tmp-Pass-1234!', shell: 'x' } })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ deviceId: 'not-a-uuid' })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ nonce: 'short' })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ v: 2 })).success).toBe(false);
  });

  it('rejects a lifetime over 10 minutes, zero or negative', () => {
    expect(commandPayloadSchema.safeParse(payload({ expiresAt: '2026-12-03T20:10:00.001Z' })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ expiresAt: '2026-12-03T20:00:00.000Z' })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ expiresAt: '2026-12-03T19:59:00.000Z' })).success).toBe(false);
    expect(commandPayloadSchema.safeParse(payload({ expiresAt: 'tomorrow' })).success).toBe(false);
  });

  it('rejects usernames and package refs that could become options or separators', () => {
    for (const username of ['-rf', 'a:b', 'a/b', '', 'a\nb', ' lead', 'trail ', 'x'.repeat(65)]) {
      expect(resetPasswordParamsSchema.safeParse({ username, temporaryPassword: 'Tmp-Pass-1234!' }).success, username).toBe(false);
    }
    expect(resetPasswordParamsSchema.safeParse({ username: 'John Smith', temporaryPassword: 'Tmp-Pass-1234!' }).success).toBe(true);
    expect(resetPasswordParamsSchema.safeParse({ username: 'bob', temporaryPassword: 'has space1' }).success).toBe(false);
    expect(resetPasswordParamsSchema.safeParse({ username: 'bob', temporaryPassword: 'short' }).success).toBe(false);
    const base = { packageId: 'p1' };
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'choco', packageRef: '--force' }).success).toBe(false);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'choco', packageRef: 'a b' }).success).toBe(false);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'brew', packageRef: 'firefox' }).success).toBe(false);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'brew', packageRef: 'cask:firefox' }).success).toBe(true);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'brew', packageRef: 'formula:acme/tools/widget' }).success).toBe(true);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'winget', packageRef: 'Google.Chrome' }).success).toBe(true);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'winget', packageRef: 'Google.Chrome', source: 'x' }).success).toBe(false);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'choco', packageRef: 'git', source: '-s' }).success).toBe(false);
    expect(installSoftwareParamsSchema.safeParse({ ...base, manager: 'apt', packageRef: 'git' }).success).toBe(false);
    expect(parseBrewRef('cask:google-chrome')).toEqual({ kind: 'cask', name: 'google-chrome' });
    expect(parseBrewRef('formula:wget')).toEqual({ kind: 'formula', name: 'wget' });
    expect(parseBrewRef('wget')).toBeNull();
  });
});

describe('message unions', () => {
  const inventory = { hostname: 'pc1', os: 'linux', osVersion: '6.1', arch: 'x64', loggedInUser: null, serial: null, agentVersion: '0.1.0', uptimeSeconds: 5, disks: [{ mount: '/', sizeBytes: 10, freeBytes: 5 }] };

  it('parses each agent message and rejects unknown types or extra keys', () => {
    const id = randomUUID();
    const ok = [
      { type: 'hello', deviceId: id, protocol: 1, agentVersion: '0.1.0', signature: 'A'.repeat(86) },
      { type: 'heartbeat' },
      { type: 'inventory', inventory },
      { type: 'ack', commandId: id },
      { type: 'status', commandId: id, status: 'refused', reason: 'replayed', detail: 'nonce seen' },
    ];
    for (const m of ok) expect(agentMessageSchema.safeParse(m).success, m.type).toBe(true);
    expect(agentMessageSchema.safeParse({ type: 'shell', cmd: 'ls' }).success).toBe(false);
    expect(agentMessageSchema.safeParse({ type: 'heartbeat', extra: 1 }).success).toBe(false);
    expect(agentMessageSchema.safeParse({ type: 'status', commandId: id, status: 'refused', reason: 'because' }).success).toBe(false);
    expect(agentMessageSchema.safeParse({ type: 'status', commandId: id, status: 'failed', detail: 'x'.repeat(2001) }).success).toBe(false);
    expect(agentMessageSchema.safeParse({ type: 'inventory', inventory: { ...inventory, os: 'beos' } }).success).toBe(false);
  });

  it('parses server messages', () => {
    expect(serverMessageSchema.safeParse({ type: 'challenge', nonce: newNonce() }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'welcome', serverTime: new Date().toISOString() }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'command', command: { anything: true } }).success).toBe(true);
    expect(serverMessageSchema.safeParse({ type: 'run', argv: ['rm'] }).success).toBe(false);
  });

  it('enrol request requires a 32-byte key and a valid inventory', () => {
    const publicKey = rawFromPublicKey(generateSigningKeyPair().publicKey);
    expect(enrolRequestSchema.safeParse({ token: 't', publicKey, inventory }).success).toBe(true);
    expect(enrolRequestSchema.safeParse({ token: 't', publicKey: publicKey.slice(1), inventory }).success).toBe(false);
  });
});
