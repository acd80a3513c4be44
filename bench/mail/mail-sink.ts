import { SMTPServer } from 'smtp-server';

/** A local SMTP server counting what it accepts, by Message-ID; it can be stopped and started again on the same port. */
export class CountingSink {
  readonly received = new Map<string, number>();
  private server: SMTPServer | null = null;

  constructor(readonly port: number) {}

  get total(): number {
    let n = 0;
    for (const c of this.received.values()) n += c;
    return n;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 8192) head += c.toString('latin1');
        });
        stream.on('end', () => {
          const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `(none ${Math.random()})`;
          this.received.set(id, (this.received.get(id) ?? 0) + 1);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', () => resolve()));
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    // Drop open client connections at once: a relay going away, as seen by the sender.
    const connections = (server as unknown as { connections: Set<{ close(): void }> }).connections;
    for (const c of connections ?? []) c.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
