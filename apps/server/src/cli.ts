/**
 * `porta`, the operators' command line (`npm run porta -- <command>`):
 *   migrate                       apply pending database migrations
 *   tenant create --slug S --name N --admin-email E --admin-password P [--admin-name A] [--language L]
 *   tenant list
 *   demo                          seed a demo MSP and print its logins
 *   mail-worker                   deliver the outbox (e-mail) as a process of its own
 * It uses the same configuration as the server (DATABASE_URL or PORTA_DATA_DIR). On the
 * embedded database, stop the server first: one process at a time may open a data dir.
 */
import { parseArgs } from 'node:util';
import { isLanguage } from '@porta/i18n/languages';
import { setupBodySchema } from '@porta/contracts/setup';
import { loadConfig } from './config.ts';
import { boot } from './platform/boot.ts';
import { AppError } from './platform/errors.ts';
import { createTenantWithAdmin } from './features/tenants/tenants.service.ts';
import { assertStrongPassword, WeakPasswordError } from './platform/crypto/password-policy.ts';
import { seedDemo } from './demo/seed-demo.ts';
import { runMailWorker } from './features/mail/mail-worker.process.ts';

const USAGE = `Usage: npm run porta -- <command>

Commands:
  migrate                 Apply pending database migrations.
  tenant create --slug S --name N --admin-email E --admin-password P [--admin-name A] [--language en|fr|de|es|it]
                          Create a tenant (an MSP) and its first admin.
  tenant list             List tenants.
  demo                    Seed a demo MSP (customers, contacts) and print the logins.
  mail-worker             Deliver queued e-mail in a process of its own (stops on SIGTERM).
`;

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
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const known = command === 'migrate' || command === 'demo' || command === 'mail-worker' || (command === 'tenant' && (sub === 'create' || sub === 'list'));
  if (!known) fail(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);

  const config = loadConfig();
  if (command === 'mail-worker') {
    await runMailWorker(config);
    return;
  }
  const { ctx, handle } = await boot(config);
  try {
    if (command === 'migrate') {
      process.stdout.write(`Database is up to date (${handle.engine}).\n`);
    } else if (command === 'demo') {
      await seedDemo(ctx, (line) => process.stdout.write(`${line}\n`));
    } else if (sub === 'list') {
      const rows = await ctx.db.selectFrom('tenants').select(['slug', 'name', 'created_at']).orderBy('slug').execute();
      for (const r of rows) process.stdout.write(`${r.slug}\t${r.name}\t${r.created_at.toISOString()}\n`);
      if (rows.length === 0) process.stdout.write('No tenants yet.\n');
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
      process.stdout.write(`Console: http://${tenant.slug}.${config.baseDomain}${config.port === 80 ? '' : `:${config.port}`}/console\n`);
    }
  } catch (err) {
    if (err instanceof WeakPasswordError) fail(`--admin-password: ${err.localised('en').message}`);
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
