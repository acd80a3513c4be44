import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_tickets.ts';
import * as m0003 from './0003_kb.ts';
import * as m0004 from './0004_mail.ts';
import * as m0005 from './0005_ticket_number_sequences.ts';
import * as m0006 from './0006_default_tenant.ts';
import * as m0007 from './0007_ticket_search.ts';
import * as m0008 from './0008_welcome_onboarding.ts';
import * as m0010 from './0010_devices.ts';
import * as m0011 from './0011_self_service.ts';
import * as m0012 from './0012_self_service_device_fk.ts';
import * as m0013 from './0013_assistant.ts';
import * as m0016 from './0016_software_aliases.ts';
import * as m0017 from './0017_action_policies.ts';
import * as m0018 from './0018_branding.ts';
import * as m0019 from './0019_custom_domains.ts';
import * as m0020 from './0020_tls.ts';
import * as m0021 from './0021_outbox_retention.ts';
import * as m0022 from './0022_webhooks.ts';
import * as m0024 from './0024_atera_import.ts';

/** Every migration, in order. A static list so bundled builds need no directory scan. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_tickets': m0002,
  '0003_kb': m0003,
  '0004_mail': m0004,
  '0005_ticket_number_sequences': m0005,
  '0006_default_tenant': m0006,
  '0007_ticket_search': m0007,
  '0008_welcome_onboarding': m0008,
  '0010_devices': m0010,
  '0011_self_service': m0011,
  '0012_self_service_device_fk': m0012,
  '0013_assistant': m0013,
  '0016_software_aliases': m0016,
  '0017_action_policies': m0017,
  '0018_branding': m0018,
  '0019_custom_domains': m0019,
  '0020_tls': m0020,
  '0021_outbox_retention': m0021,
  '0022_webhooks': m0022,
  '0024_atera_import': m0024,
};
