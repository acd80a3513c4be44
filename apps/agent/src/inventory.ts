import { existsSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { AgentOs, Disk, Inventory } from '@porta/agent-protocol';
import type { DryRunAs } from './os/dry-run-as.ts';
import { currentOs } from './os/planners.ts';
import { orNull, probe, readText } from './os/probe.ts';
import { AGENT_VERSION } from './version.ts';

const POWERSHELL = ['powershell.exe', '-NoProfile', '-NonInteractive', '-Command'] as const;

async function powershell(expression: string): Promise<string | null> {
  const [file, ...args] = POWERSHELL;
  return probe(file, [...args, expression], 20_000);
}

async function osVersion(target: AgentOs): Promise<string> {
  if (target === 'macos') return `macOS ${(await probe('sw_vers', ['-productVersion'])) ?? os.release()}`;
  if (target === 'windows') return `${os.version()} ${os.release()}`.trim();
  const release = await readText('/etc/os-release');
  const pretty = release?.match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1];
  return pretty ? `${pretty} (kernel ${os.release()})` : `Linux ${os.release()}`;
}

/** The user at the console: macOS owner of /dev/console, Windows the interactive session's user, Linux the first `who` entry. */
export async function loggedInUser(target: AgentOs = currentOs()): Promise<string | null> {
  if (target === 'macos') {
    const name = orNull(await probe('stat', ['-f', '%Su', '/dev/console']));
    return name === 'root' ? null : name;
  }
  if (target === 'windows') {
    const full = orNull(await powershell('(Get-CimInstance Win32_ComputerSystem).UserName'));
    return full ? (full.split('\\').pop() ?? null) : null;
  }
  const who = await probe('who', []);
  return orNull(who?.split('\n')[0]?.split(/\s+/)[0]);
}

async function serial(target: AgentOs): Promise<string | null> {
  if (target === 'linux') return orNull(await readText('/sys/class/dmi/id/product_serial'));
  if (target === 'windows') return orNull(await powershell('(Get-CimInstance Win32_BIOS).SerialNumber'));
  const io = await probe('ioreg', ['-c', 'IOPlatformExpertDevice', '-d', '2']);
  return orNull(io?.match(/"IOPlatformSerialNumber" = "([^"]+)"/)?.[1]);
}

const LINUX_DISK_FS = new Set(['ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'vfat', 'exfat', 'ntfs', 'ntfs3', 'f2fs', 'zfs', 'jfs', 'reiserfs']);

async function mountPoints(target: AgentOs): Promise<string[]> {
  if (target === 'windows') return 'CDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `${l}:\\`).filter((m) => existsSync(m));
  if (target === 'macos') return ['/', '/System/Volumes/Data'].filter((m) => existsSync(m));
  const mounts = (await readText('/proc/mounts')) ?? '';
  const points = mounts
    .split('\n')
    .map((line) => line.split(' '))
    .filter((f) => f[1] !== undefined && LINUX_DISK_FS.has(f[2] ?? ''))
    .map((f) => (f[1] ?? '').replace(/\\040/g, ' '));
  return points.length > 0 ? [...new Set(points)] : ['/'];
}

async function disks(target: AgentOs): Promise<Disk[]> {
  const out: Disk[] = [];
  for (const mount of (await mountPoints(target)).slice(0, 64)) {
    try {
      const s = await statfs(mount);
      out.push({ mount, sizeBytes: s.blocks * s.bsize, freeBytes: s.bavail * s.bsize });
    } catch {
      // unreadable mount: skipped
    }
  }
  return out;
}

/** Collects the inventory (SS-1): every probe is best effort, unknown values are null. `as`: a dry-run agent's pretended OS and user. */
export async function collectInventory(as: DryRunAs | null = null): Promise<Inventory> {
  const target = as?.os ?? currentOs();
  const [version, realUser, serialNumber, diskList] = await Promise.all([osVersion(target), as?.user ? null : loggedInUser(target), serial(target), disks(target)]);
  const user = as?.user ?? realUser;
  return {
    hostname: os.hostname().slice(0, 255) || 'unknown',
    os: target,
    osVersion: version.slice(0, 200),
    arch: os.arch(),
    loggedInUser: user?.slice(0, 100) ?? null,
    serial: serialNumber?.slice(0, 200) ?? null,
    agentVersion: AGENT_VERSION,
    uptimeSeconds: Math.floor(os.uptime()),
    disks: diskList,
  };
}

/** The part of the inventory whose change is worth a report (not uptime or free space). */
export function inventoryFingerprint(inv: Inventory): string {
  return JSON.stringify([inv.hostname, inv.os, inv.osVersion, inv.arch, inv.loggedInUser, inv.serial, inv.agentVersion, inv.disks.map((d) => [d.mount, d.sizeBytes])]);
}
