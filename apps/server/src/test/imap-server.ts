import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ImapServer {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * A real IMAP server for tests: Debian's Dovecot (`apt-get install dovecot-imapd`, done by
 * .ci/run), run in the foreground with a configuration of its own in a temp dir, on loopback,
 * one user with a plain password and a Maildir under the temp dir.
 */
export async function startImapServer(): Promise<ImapServer> {
  if (!fs.existsSync(DOVECOT)) throw new Error(`Dovecot not found at ${DOVECOT}: apt-get install -y dovecot-imapd (.ci/run installs it)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-imap-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const user = 'support';
  const password = 'imap-test-password';
  for (const d of ['run', 'state', 'mail', 'home']) fs.mkdirSync(path.join(dir, d), { mode: 0o777 });
  fs.chmodSync(path.join(dir, 'mail'), 0o777);
  fs.chmodSync(path.join(dir, 'home'), 0o777);
  fs.writeFileSync(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`);
  const isRoot = process.getuid?.() === 0;
  const uid = isRoot ? 'dovecot' : String(process.getuid?.());
  const gid = isRoot ? 'dovecot' : String(process.getgid?.());
  const conf = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 0
${isRoot ? '' : `default_internal_user = ${os.userInfo().username}\ndefault_login_user = ${os.userInfo().username}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), conf);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited: ${output} ${fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (open) break;
    if (Date.now() > until) throw new Error(`dovecot did not listen: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
