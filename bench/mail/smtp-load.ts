import nodemailer from 'nodemailer';

/** Sends `messages` over `clients` SMTP connections at once (each client its own pooled connection); answers the seconds taken. */
export async function sendConcurrently(port: number, clients: number, messages: { from: string; to: string; raw: string }[]): Promise<number> {
  const transports = Array.from({ length: clients }, () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1, maxMessages: Infinity }));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    transports.map(async (t) => {
      for (;;) {
        const i = next++;
        const m = messages[i];
        if (!m) return;
        await t.sendMail({ envelope: { from: m.from, to: [m.to] }, raw: m.raw });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  for (const t of transports) t.close();
  return seconds;
}

export function inboundMessage(i: number, from: string, to: string, run: string): { from: string; to: string; raw: string } {
  const raw = [
    `From: Bench Sender <${from}>`,
    `To: ${to}`,
    `Subject: Bench request ${run}-${i}`,
    `Message-ID: <bench-${run}-${i}@bench.example>`,
    `Date: ${new Date().toUTCString()}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `The printer in room ${i} does not print. Please have a look.`,
    '',
  ].join('\r\n');
  return { from, to, raw };
}
