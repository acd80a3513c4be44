/**
 * `porta`, the operators' command line (`npm run porta -- <command>`):
 *   migrate                       apply pending database migrations
 *   tenant create --slug S --name N --admin-email E --admin-password P [--admin-name A] [--language L]
 *   tenant list                   list tenants, the default one marked
 *   tenant default [<slug>|none]  show or set the tenant that answers on hosts naming none
 *   demo                          seed a demo MSP and print its logins
 *   mail-worker                   deliver the outbox (e-mail) as a process of its own
 *   audit verify [--tenant S]     check the audit log's hash chain (SS-7)
 *   backup FILE / restore FILE    the embedded database and attachments in one file (server stopped)
 * It uses the same configuration as the server (DATABASE_URL or PORTA_DATA_DIR). On the
 * embedded database, stop the server first: one process at a time may open a data dir.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isLanguage } from '@porta/i18n/languages';
import { setupBodySchema } from '@porta/contracts/setup';
import { loadConfig } from './config.ts';
import { boot } from './platform/boot.ts';
import { backupEmbedded, BackupRefused, restoreEmbedded } from './platform/db/backup.ts';
import { DataDirLockedError } from './platform/db/data-dir-lock.ts';
import { AppError } from './platform/errors.ts';
import { createTenantWithAdmin } from './features/tenants/tenants.service.ts';
import { listTenants, readDefaultTenant, setDefaultTenant, type DefaultTenantReport } from './features/tenants/default-tenant.service.ts';
import { tenantUrl } from './platform/tenancy/tenant-address.ts';
import { assertStrongPassword, WeakPasswordError } from './platform/crypto/password-policy.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { runMailWorker } from './features/mail/mail-worker.process.ts';
import { runAuditVerify } from './features/audit/audit-verify.command.ts';

const USAGE = `Usage: npm run porta -- <command>

Commands:
  migrate                 Apply pending database migrations.
  tenant create --slug S --name N --admin-email E --admin-password P [--admin-name A] [--language en|fr|de|es|it]
                          Create a tenant (an MSP) and its first admin.
  tenant list             List tenants with their addresses; * marks the default tenant.
  tenant default [<slug>|none]
                          Show or set the default tenant: the one that answers on any host that
                          names no tenant (http://localhost:<PORT>, PORTA_PUBLIC_URL). The first
                          tenant is the default until you choose; "none" for hosted multi-tenant
                          installs (unknown hosts then get a neutral page).
  demo                    Seed a demo MSP (customers, contacts) and print the logins.
  mail-worker             Deliver queued e-mail in a process of its own (stops on SIGTERM).
  audit verify [--tenant S]
                          Check the audit log's hash chain of every tenant (or one); names the
                          first broken row and exits 1 when a chain does not hold.
  backup FILE             Write the embedded database and the attachments to FILE (.tar.gz).
                          Stop the server first: a running one holds the data directory.
                          On PostgreSQL use pg_dump and copy PORTA_ATTACHMENTS_DIR.
  restore FILE            Restore a backup into an empty data directory (PORTA_DATA_DIR).
`;

function describeDefault(report: DefaultTenantReport): string {
  if (report.source === 'none') return 'Default tenant: none (hosts that name no tenant get a neutral page).';
  if (!report.slug) return 'Default tenant: the first tenant, once one exists.';
  return `Default tenant: ${report.slug}${report.source === 'first' ? ' (the first tenant)' : ''}.`;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slug: { type: 'string' },
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
      language: { type: 'string' },
      tenant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, arg] = positionals;
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const known = command === 'migrate' || command === 'demo' || command === 'mail-worker' || (command === 'tenant' && (sub === 'create' || sub === 'list' || sub === 'default')) || (command === 'audit' && sub === 'verify') || ((command === 'backup' || command === 'restore') && sub !== undefined);
  if (!known) fail(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);

  const config = loadConfig();
  if (command === 'backup' || command === 'restore') {
    if (config.databaseUrl) fail(`${command} is for the embedded database. On PostgreSQL use pg_dump / pg_restore and copy PORTA_ATTACHMENTS_DIR (docs/OPERATIONS.md "Backups").`);
    const file = path.resolve(sub as string);
    try {
      const m = command === 'backup' ? await backupEmbedded(config.dataDir, config.attachmentsDir, file) : await restoreEmbedded(file, config.dataDir, config.attachmentsDir);
      process.stdout.write(command === 'backup' ? `Backed up ${config.dataDir} (${m.attachments} attachment files) to ${file}.\n` : `Restored ${file} (taken ${m.createdAt}, ${m.attachments} attachment files) into ${config.dataDir}.\n`);
    } catch (err) {
      if (err instanceof BackupRefused || err instanceof DataDirLockedError) fail(`${command}: ${err.message}`);
      throw err;
    }
    return;
  }
  if (command === 'mail-worker') {
    await runMailWorker(config);
    return;
  }
  const { ctx, handle } = await boot(config);
  try {
    if (command === 'migrate') {
      process.stdout.write(`Database is up to date (${handle.engine}).\n`);
    } else if (command === 'audit') {
      const ok = await runAuditVerify(ctx, values.tenant, (line) => process.stdout.write(`${line}\n`));
      if (!ok) process.exitCode = 1;
    } else if (command === 'demo') {
      await seedDemo(ctx, (line) => process.stdout.write(`${line}\n`));
    } else if (sub === 'list') {
      const rows = await listTenants(ctx);
      for (const r of rows) process.stdout.write(`${r.isDefault ? '*' : ' '} ${r.slug}\t${r.name}\t${r.url}/\t${r.createdAt.toISOString()}\n`);
      if (rows.length === 0) process.stdout.write('No tenants yet.\n');
      else if (!rows.some((r) => r.isDefault)) process.stdout.write('No default tenant: hosts that name no tenant get a neutral page.\n');
    } else if (sub === 'default') {
      const report = arg === undefined ? await readDefaultTenant(ctx) : await setDefaultTenant(ctx, arg);
      process.stdout.write(`${describeDefault(report)}\n`);
    } else {
      const language = values.language ?? 'en';
      if (!isLanguage(language)) fail('--language must be one of en, fr, de, es, it');
      const parsed = setupBodySchema.safeParse({
        token: 'cli',
        tenant: { slug: values.slug, name: values.name },
        admin: { name: values['admin-name'] ?? 'Administrator', email: values['admin-email'], password: values['admin-password'] },
      });
      if (!parsed.success) {
        fail(`Invalid options:\n${parsed.error.issues.map((i) => `  --${i.path.join('-').replace(/^tenant-/, '')}: ${i.message}`).join('\n')}`);
      }
      const { admin: newAdmin, tenant: newTenant } = parsed.data;
      await assertStrongPassword(newAdmin.password, { name: newAdmin.name, email: newAdmin.email, tenantName: newTenant.name }, 'admin-password');
      const { tenant, admin } = await createTenantWithAdmin(ctx, { ...parsed.data.tenant, language, admin: parsed.data.admin });
      process.stdout.write(`Created tenant "${tenant.name}" (${tenant.slug}) with admin ${admin.email}.\n`);
      process.stdout.write(`Console: ${await tenantUrl(ctx, tenant)}/console\n`);
    }
  } catch (err) {
    if (err instanceof WeakPasswordError) fail(`--admin-password: ${err.localised('en').message}`);
    if (err instanceof AppError && err.code === 'TENANT_NOT_FOUND' && sub === 'default') fail(`Error: no tenant has the slug "${arg ?? ''}" (see npm run porta -- tenant list).`);
    if (err instanceof AppError) fail(`Error: ${err.code}`);
    throw err;
  } finally {
    await handle.close();
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
