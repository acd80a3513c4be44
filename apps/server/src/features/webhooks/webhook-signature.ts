import { createHmac, randomBytes } from 'node:crypto';

/** Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (the key is the decoded bytes). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Standard Webhooks message id, the same on every attempt of one message. */
export function messageIdOf(seed: string): string {
  return `msg_${seed.replace(/-/g, '')}`;
}

/**
 * The `webhook-signature` value: `v1,` + base64 HMAC-SHA256, keyed with the secret's decoded
 * bytes, of `<webhook-id>.<webhook-timestamp>.<body>` (timestamp in seconds).
 */
export function signWebhook(secret: string, messageId: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestamp}.${body}`).digest('base64')}`;
}

export function webhookHeaders(secret: string, messageId: string, timestamp: number, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Porta-Webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, messageId, timestamp, body),
  };
}
