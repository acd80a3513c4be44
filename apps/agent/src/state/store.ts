import { createPrivateKey, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { publicKeyB64Schema } from '@porta/agent-protocol';
import { EXECUTOR_KINDS } from '../os/executor.ts';
import { writeFileAtomic } from './atomic.ts';

/**
 * The state directory:
 * - `state.json`: server URL, deviceId, tenantId, pinned command public key, executor choice;
 * - `agent.key`: the device's Ed25519 private key (PKCS#8 PEM, mode 0600);
 * - `nonces.json`: command nonces seen, kept until expiry (see nonces.ts);
 * - `dry-run.jsonl`: what the dry-run executor would have run.
 */
export const agentStateSchema = z.strictObject({
  version: z.literal(1),
  server: z.url(),
  deviceId: z.uuid(),
  tenantId: z.uuid(),
  commandPublicKey: publicKeyB64Schema,
  executor: z.enum(EXECUTOR_KINDS),
  enrolledAt: z.iso.datetime(),
});
export type AgentState = z.infer<typeof agentStateSchema>;

const STATE_FILE = 'state.json';
const KEY_FILE = 'agent.key';

export class StateError extends Error {}

export async function ensureStateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function writeState(dir: string, state: AgentState): Promise<void> {
  await writeFileAtomic(path.join(dir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

export async function readState(dir: string): Promise<AgentState> {
  let text: string;
  try {
    text = await readFile(path.join(dir, STATE_FILE), 'utf8');
  } catch {
    throw new StateError(`No agent state in ${dir}: run "porta-agent enrol" first`);
  }
  const parsed = agentStateSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new StateError(`Agent state in ${dir} is damaged: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export async function writePrivateKey(dir: string, key: KeyObject): Promise<void> {
  const file = path.join(dir, KEY_FILE);
  await writeFileAtomic(file, key.export({ format: 'pem', type: 'pkcs8' }).toString(), 0o600);
  await chmod(file, 0o600);
}

export async function readPrivateKey(dir: string): Promise<KeyObject> {
  try {
    return createPrivateKey(await readFile(path.join(dir, KEY_FILE), 'utf8'));
  } catch {
    throw new StateError(`No readable device key in ${dir}`);
  }
}

export const KEY_FILE_NAME = KEY_FILE;
export const STATE_FILE_NAME = STATE_FILE;
