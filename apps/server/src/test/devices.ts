import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Inventory } from '@porta/agent-protocol';
import { rawFromPublicKey } from '@porta/agent-protocol/sign';
import { insertDevice } from '../features/devices/devices.repo.ts';
import type { AppContext } from '../platform/context.ts';
import { uniq } from './factories.ts';

/** Test helpers for devices (issue 12). */

export function inventory(overrides: Partial<Inventory> = {}): Inventory {
  return {
    hostname: `pc-${uniq()}`,
    os: 'windows',
    osVersion: '10.0.22631',
    arch: 'x64',
    loggedInUser: 'mrossi',
    serial: 'SN123',
    agentVersion: '0.1.0',
    uptimeSeconds: 3600,
    disks: [{ mount: 'C:', sizeBytes: 500e9, freeBytes: 120e9 }],
    ...overrides,
  };
}

export interface TestDevice {
  id: string;
  privateKey: KeyObject;
  publicKey: string;
}

/** A device of `customerId` with a fresh key pair, inserted directly (no enrolment round trip). */
export async function makeDevice(ctx: AppContext, tenantId: string, customerId: string, inv: Inventory = inventory()): Promise<TestDevice> {
  const pair = generateKeyPairSync('ed25519');
  const publicKey = rawFromPublicKey(pair.publicKey);
  const { id } = await insertDevice(ctx.db, tenantId, { customerId, publicKey, hostname: inv.hostname, os: inv.os, inventory: inv });
  return { id, privateKey: pair.privateKey, publicKey };
}

export function deviceRow(ctx: AppContext, id: string) {
  return () => ctx.db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}
