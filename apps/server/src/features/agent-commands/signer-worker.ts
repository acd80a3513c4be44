import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { commandPayloadSchema } from '@porta/agent-protocol';
import { rawFromPublicKey, signCommand } from '@porta/agent-protocol/sign';
import { decrypt, encrypt, type Keys } from '../../platform/crypto/keys.ts';

/**
 * SS-8: the only code that holds the command-signing private key. It runs in a worker thread;
 * the main thread sends `{ id, kind: 'sign', payload }` and gets `{ id, signed }` back, or
 * `{ kind: 'load', sealed }` / `{ kind: 'generate' }` at start. The key is stored sealed
 * (AES-256-GCM under the app's secret key) and decrypted here only.
 */
type Request = { id: number; kind: 'generate' } | { id: number; kind: 'load'; sealed: string } | { id: number; kind: 'sign'; payload: unknown };

const keys: Keys = { encryption: Buffer.from((workerData as { encryption: Uint8Array }).encryption), csrf: Buffer.alloc(0), mailRef: Buffer.alloc(0) };
let privateKey: KeyObject | null = null;

function publicRaw(key: KeyObject): string {
  return rawFromPublicKey(createPublicKey(key));
}

function handle(req: Request): Record<string, unknown> {
  if (req.kind === 'generate') {
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    const sealed = encrypt(keys, pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'));
    return { sealed, publicKey: rawFromPublicKey(pair.publicKey) };
  }
  if (req.kind === 'load') {
    privateKey = createPrivateKey({ key: Buffer.from(decrypt(keys, req.sealed), 'base64'), format: 'der', type: 'pkcs8' });
    return { publicKey: publicRaw(privateKey) };
  }
  if (!privateKey) throw new Error('signing key not loaded');
  const payload = commandPayloadSchema.parse(req.payload);
  return { signed: signCommand(payload, privateKey) };
}

parentPort?.on('message', (req: Request) => {
  try {
    parentPort?.postMessage({ id: req.id, ok: true, ...handle(req) });
  } catch (err) {
    parentPort?.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
