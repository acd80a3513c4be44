/**
 * A real SMTP server (smtp-server) the e2e Porta server relays its mail to, with a small HTTP
 * read-out (`GET /mails`) so specs can read what was "sent". Started by playwright.config.ts.
 */
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { MAIL_SINK_HTTP_PORT, MAIL_SINK_SMTP_PORT } from './env';

interface Caught {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  autoSubmitted: string;
}
const mails: Caught[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((parsed) => {
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          messageId: parsed.messageId ?? '',
          autoSubmitted: String(parsed.headers.get('auto-submitted') ?? ''),
        });
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});
smtp.listen(MAIL_SINK_SMTP_PORT, '127.0.0.1');

http
  .createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.url === '/healthz' ? { ok: true } : mails));
  })
  .listen(MAIL_SINK_HTTP_PORT, '127.0.0.1');
