import { HELLO_PREFIX } from './constants.ts';

/** Bytes the agent signs to prove its identity: `porta-agent-hello\n<deviceId>\n<nonce>` in UTF-8. */
export function helloBytes(deviceId: string, nonce: string): Uint8Array {
  return new TextEncoder().encode(`${HELLO_PREFIX}\n${deviceId}\n${nonce}`);
}
