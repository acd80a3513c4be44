import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { outboundRequest, OutboundRefused } from '../net/outbound-guard.ts';
import { type SmsProvider, SmsProviderError, type SmsToSend } from './provider.ts';

export interface WebhookConfig {
  url: string;
  secret: string;
}

export const SIGNATURE_HEADER = 'x-porta-signature';

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (the receiver checks t is recent). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

const answer = z.object({ id: z.string().max(200) }).partial();

/**
 * A generic HTTPS webhook: POST JSON `{ id, to, body }` signed with the tenant's secret in
 * `X-Porta-Signature`; any 2xx is accepted, an optional JSON `{ id }` is kept as the provider id.
 */
export function webhookProvider(cfg: WebhookConfig, allowPrivate: boolean, now: () => number = Date.now): SmsProvider {
  return {
    name: 'webhook',
    async send(sms: SmsToSend) {
      const body = JSON.stringify({ id: sms.id, to: sms.to, body: sms.body });
      const t = Math.floor(now() / 1000);
      let res;
      try {
        res = await outboundRequest({ url: cfg.url, method: 'POST', allowPrivate, headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: webhookSignature(cfg.secret, t, body) }, body });
      } catch (err) {
        if (err instanceof OutboundRefused) throw new SmsProviderError(err.message, false);
        throw new SmsProviderError(`webhook: ${err instanceof Error ? err.message : String(err)}`, true);
      }
      if (res.status < 200 || res.status >= 300) throw new SmsProviderError(`webhook: HTTP ${res.status}`, res.status === 429 || res.status >= 500, res.status);
      let id: string | null = null;
      try {
        id = answer.parse(JSON.parse(res.body)).id ?? null;
      } catch {
        id = null;
      }
      return { providerId: id };
    },
  };
}
