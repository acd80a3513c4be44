import { ENROL_PATH, enrolResponseSchema, type EnrolRequest, type Inventory } from '@porta/agent-protocol';
import { generateSigningKeyPair, rawFromPublicKey } from '@porta/agent-protocol/sign';
import type { ExecutorKind } from './os/executor.ts';
import { ensureStateDir, readState, writePrivateKey, writeState, type AgentState } from './state/store.ts';

export class EnrolError extends Error {}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The server URL, normalised; plain HTTP only for localhost (tests, local development). */
export function checkServerUrl(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new EnrolError(`Not a URL: ${server}`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new EnrolError('The server must be https:// (plain http:// only for localhost)');
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

export interface EnrolOptions {
  server: string;
  token: string;
  stateDir: string;
  executor: ExecutorKind;
  inventory: Inventory;
}

/**
 * Enrols this machine (SS-1): makes an Ed25519 key pair, registers the public key with the
 * one-time enrolment token, pins the server's command-signing key, saves the state.
 */
export async function enrol(options: EnrolOptions): Promise<AgentState> {
  const server = checkServerUrl(options.server);
  const existing = await readState(options.stateDir).catch(() => null);
  if (existing) throw new EnrolError(`${options.stateDir} already holds device ${existing.deviceId}; use another state directory or remove it first`);

  const { publicKey, privateKey } = generateSigningKeyPair();
  const body: EnrolRequest = { token: options.token, publicKey: rawFromPublicKey(publicKey), inventory: options.inventory };
  let response: Response;
  try {
    response = await fetch(`${server}${ENROL_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new EnrolError(`Cannot reach ${server}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const what = typeof err?.code === 'string' ? `${err.code}${typeof err.message === 'string' ? `: ${err.message}` : ''}` : text.slice(0, 200);
    throw new EnrolError(`Enrolment refused (HTTP ${response.status}) ${what}`);
  }
  const parsed = enrolResponseSchema.safeParse(json);
  if (!parsed.success) throw new EnrolError('The server answered enrolment with an unexpected body');

  await ensureStateDir(options.stateDir);
  await writePrivateKey(options.stateDir, privateKey);
  const state: AgentState = {
    version: 1,
    server,
    deviceId: parsed.data.deviceId,
    tenantId: parsed.data.tenantId,
    commandPublicKey: parsed.data.commandPublicKey,
    executor: options.executor,
    enrolledAt: new Date().toISOString(),
  };
  await writeState(options.stateDir, state);
  return state;
}
