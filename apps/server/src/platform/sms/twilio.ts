import { z } from 'zod';
import { outboundRequest, OutboundRefused } from '../net/outbound-guard.ts';
import { type SmsProvider, SmsProviderError, type SmsToSend } from './provider.ts';

export interface TwilioConfig {
  /** `https://api.twilio.com` or a compatible service's base URL. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** A sender number (E.164) or a Messaging Service SID (`MG…`). */
  from: string;
}

const created = z.object({ sid: z.string(), status: z.string().optional() });
const failure = z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string(), status: z.number().optional() });

/**
 * Twilio's Messages API: POST `{base}/2010-04-01/Accounts/{AccountSid}/Messages.json`,
 * form-encoded `To`, `From` (or `MessagingServiceSid`), `Body`, HTTP Basic auth with the
 * account SID and auth token; 201 answers the message resource (`sid`), errors answer
 * `{ code, message, more_info, status }`.
 */
export function twilioProvider(cfg: TwilioConfig, allowPrivate: boolean): SmsProvider {
  return {
    name: 'twilio',
    async send(sms: SmsToSend) {
      const form = new URLSearchParams({ To: sms.to, Body: sms.body });
      if (/^MG[0-9a-f]{32}$/i.test(cfg.from)) form.set('MessagingServiceSid', cfg.from);
      else form.set('From', cfg.from);
      const url = `${cfg.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`;
      let res;
      try {
        res = await outboundRequest({
          url,
          method: 'POST',
          allowPrivate,
          headers: {
            authorization: `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form.toString(),
        });
      } catch (err) {
        if (err instanceof OutboundRefused) throw new SmsProviderError(err.message, false);
        throw new SmsProviderError(`twilio: ${err instanceof Error ? err.message : String(err)}`, true);
      }
      const json = parseJson(res.body);
      if (res.status >= 200 && res.status < 300) {
        const ok = created.safeParse(json);
        if (!ok.success) throw new SmsProviderError('twilio: answer without a message sid', false);
        return { providerId: ok.data.sid };
      }
      const err = failure.safeParse(json);
      const message = err.success ? err.data.message : `HTTP ${res.status}`;
      throw new SmsProviderError(`twilio: ${message}`, res.status === 429 || res.status >= 500, err.success ? err.data.code : res.status);
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
