import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TwilioReceived {
  accountSid: string;
  authorization: string | undefined;
  contentType: string | undefined;
  form: Record<string, string>;
}

export interface TwilioServer {
  url: string;
  received: TwilioReceived[];
  /** Answers the next requests with this HTTP status and Twilio error (e.g. 500 to force retries). */
  failNext(status: number, code: number, message: string, times?: number): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for Twilio's Messages API speaking its wire format (the SMS gateway is out
 * of reach here): `POST /2010-04-01/Accounts/{Sid}/Messages.json`, form-encoded body, HTTP Basic
 * auth with the account SID and auth token; 201 with the message resource, or Twilio's error
 * body `{ code, message, more_info, status }` (20003 bad credentials, 21211 bad To, 21604 no Body).
 */
export async function startTwilioServer(accountSid: string, authToken: string): Promise<TwilioServer> {
  const received: TwilioReceived[] = [];
  const failures: { status: number; code: number; message: string }[] = [];
  const error = (res: http.ServerResponse, status: number, code: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match?.[1]) return error(res, 404, 20404, 'The requested resource was not found');
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      received.push({ accountSid: decodeURIComponent(match[1]), authorization: req.headers.authorization, contentType: req.headers['content-type'], form });
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.headers.authorization !== expected || match[1] !== accountSid) return error(res, 401, 20003, 'Authenticate');
      const failure = failures.shift();
      if (failure) return error(res, failure.status, failure.code, failure.message);
      if (!form.To || !/^\+[1-9]\d{6,14}$/.test(form.To)) return error(res, 400, 21211, `The 'To' number ${form.To ?? ''} is not a valid phone number.`);
      if (!form.Body) return error(res, 400, 21602, 'Message body is required.');
      if (!form.From && !form.MessagingServiceSid) return error(res, 400, 21603, "The 'From' number is required.");
      const sid = `SM${randomBytes(16).toString('hex')}`;
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          sid,
          account_sid: accountSid,
          to: form.To,
          from: form.From ?? null,
          messaging_service_sid: form.MessagingServiceSid ?? null,
          body: form.Body,
          status: 'queued',
          num_segments: '1',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          date_created: new Date().toUTCString(),
          uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    failNext: (status, code, message, times = 1) => {
      for (let i = 0; i < times; i++) failures.push({ status, code, message });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface WebhookReceived {
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/** A plain HTTP receiver for the webhook adapter (records each request, answers `{ id }`). */
export async function startWebhookReceiver(status = 200): Promise<{ url: string; received: WebhookReceived[]; close(): Promise<void> }> {
  const received: WebhookReceived[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `hook-${received.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/sms`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
