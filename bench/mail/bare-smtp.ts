/**
 * The inbound baseline: a bare smtp-server that parses each message with mailparser and writes
 * one row with one INSERT on the same PostgreSQL — what any mail-to-database receiver must do at
 * the least. Env: BARE_SMTP_PORT, BARE_DATABASE_URL.
 */
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';

const pool = new pg.Pool({ connectionString: process.env.BARE_DATABASE_URL, max: 10 });
await pool.query('create table if not exists bare_mail (id bigserial primary key, message_id text unique, sender text, subject text, body text)');
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((m) =>
        pool.query('insert into bare_mail (message_id, sender, subject, body) values ($1, $2, $3, $4) on conflict (message_id) do nothing', [
          m.messageId ?? null,
          m.from?.value[0]?.address ?? '',
          m.subject ?? '',
          m.text ?? '',
        ]),
      )
      .then(() => callback())
      .catch((err: Error) => callback(err));
  },
});
server.listen(Number(process.env.BARE_SMTP_PORT), '127.0.0.1', () => process.stdout.write('bare-smtp ready\n'));
