import https from 'node:https';
import * as acme from 'acme-client';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import { deleteChallenge, putChallenge } from './tls.repo.ts';

export interface Issued {
  certPem: string;
  keyPem: string;
  notAfter: Date;
}

export interface AcmeSettings {
  directoryUrl: string;
  email: string | undefined;
  /** PEM bundle the ACME client alone trusts for the directory's HTTPS (a private or test CA). */
  ca?: string | undefined;
}

/**
 * The instance's ACME account key, sealed with PORTA_SECRET_KEY in instance_settings. The
 * first node to need it creates it; a node that loses the race reads the winner's.
 */
async function accountKey(ctx: Pick<AppContext, 'db' | 'keys'>): Promise<string> {
  const fresh = (await acme.crypto.createPrivateEcdsaKey()).toString();
  await sql`insert into instance_settings (key, value) values ('acme_account_key', ${encrypt(ctx.keys, fresh)}) on conflict (key) do nothing`.execute(ctx.db);
  const row = await ctx.db.selectFrom('instance_settings').select('value').where('key', '=', 'acme_account_key').executeTakeFirstOrThrow();
  return decrypt(ctx.keys, row.value);
}

let trustedCa: string | undefined;
/** acme-client's own HTTP client trusts `ca` for the directory (never a global TLS change). */
function trust(ca: string | undefined): void {
  if (ca === trustedCa) return;
  trustedCa = ca;
  acme.axios.defaults.httpsAgent = ca ? new https.Agent({ ca }) : undefined;
}

/**
 * Orders one certificate for `host` over HTTP-01. The answers go to the database so that
 * whichever node the CA reaches answers them (http-listener.ts); they are removed after.
 */
export async function orderCertificate(ctx: Pick<AppContext, 'db' | 'keys'>, settings: AcmeSettings, host: string): Promise<Issued> {
  trust(settings.ca);
  const client = new acme.Client({ directoryUrl: settings.directoryUrl, accountKey: await accountKey(ctx), backoffAttempts: 5, backoffMin: 200, backoffMax: 2000 });
  const key = await acme.crypto.createPrivateEcdsaKey();
  const [, csr] = await acme.crypto.createCsr({ commonName: host, altNames: [host] }, key);
  const certPem = await client.auto({
    csr,
    ...(settings.email && { email: settings.email }),
    termsOfServiceAgreed: true,
    challengePriority: ['http-01'],
    // The CA checks; Porta's own pre-check would need port 80 on every host.
    skipChallengeVerification: true,
    challengeCreateFn: async (_authz, challenge, keyAuthorization) => putChallenge(ctx.db, challenge.token, keyAuthorization, host),
    challengeRemoveFn: async (_authz, challenge) => deleteChallenge(ctx.db, challenge.token),
  });
  return { certPem, keyPem: key.toString(), notAfter: acme.crypto.readCertificateInfo(certPem).notAfter };
}
