import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { lockDataDir } from './data-dir-lock.ts';
import { startEmbeddedDatabase } from './embedded.ts';

/**
 * `porta backup FILE` / `porta restore FILE` for the embedded database (issue 15 item 4): one
 * gzipped tar holding `porta-backup.json`, PGlite's `pg/` directory and the attachments. A copy
 * is consistent only with no server on the data directory, so the backup takes the data-dir
 * lock (a running server → a clear refusal, nothing written) after opening and closing the
 * database once (recovery after a crash and a clean shutdown flush everything to `pg/`).
 * PostgreSQL installs use `pg_dump` and copy PORTA_ATTACHMENTS_DIR (docs/OPERATIONS.md).
 */
const MANIFEST = 'porta-backup.json';
const FORMAT = 1;

export interface BackupManifest {
  format: number;
  createdAt: string;
  /** Files under attachments/ in the archive. */
  attachments: number;
}

export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

const countFiles = (dir: string): number => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);

export async function backupEmbedded(dataDir: string, attachmentsDir: string, file: string): Promise<BackupManifest> {
  const pgDir = path.join(dataDir, 'pg');
  if (!fs.existsSync(pgDir)) throw new BackupRefused(`No embedded database in ${dataDir} (no pg/ directory).`);
  // Opening takes the lock (refused while a server runs) and lets PGlite recover; stopping checkpoints.
  await (await startEmbeddedDatabase(dataDir, 1)).stop();
  const release = await lockDataDir(dataDir);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-backup-'));
  try {
    const manifest: BackupManifest = { format: FORMAT, createdAt: new Date().toISOString(), attachments: countFiles(attachmentsDir) };
    fs.writeFileSync(path.join(staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.cpSync(pgDir, path.join(staging, 'pg'), { recursive: true });
    fs.mkdirSync(path.join(staging, 'attachments'));
    if (fs.existsSync(attachmentsDir)) fs.cpSync(attachmentsDir, path.join(staging, 'attachments'), { recursive: true });
    const partial = `${file}.partial`;
    await tar.create({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST, 'pg', 'attachments']);
    fs.renameSync(partial, file);
    return manifest;
  } finally {
    release();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Restores into a data directory with no database yet (never over one), attachments included. */
export async function restoreEmbedded(file: string, dataDir: string, attachmentsDir: string): Promise<BackupManifest> {
  if (!fs.existsSync(file)) throw new BackupRefused(`No backup file at ${file}.`);
  fs.mkdirSync(dataDir, { recursive: true });
  const release = await lockDataDir(dataDir);
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-restore-'));
  try {
    const pgDir = path.join(dataDir, 'pg');
    if (fs.existsSync(pgDir) && fs.readdirSync(pgDir).length > 0) throw new BackupRefused(`${dataDir} already holds a database: restore into an empty data directory (PORTA_DATA_DIR).`);
    if (countFiles(attachmentsDir) > 0) throw new BackupRefused(`${attachmentsDir} already holds attachments: restore into an empty one (PORTA_ATTACHMENTS_DIR).`);
    await tar.extract({ file, cwd: staging, strict: true });
    const manifestFile = path.join(staging, MANIFEST);
    const manifest = fs.existsSync(manifestFile) ? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest) : null;
    if (!manifest || manifest.format !== FORMAT || !fs.existsSync(path.join(staging, 'pg'))) throw new BackupRefused(`${file} is not a Porta backup (format ${FORMAT}).`);
    fs.cpSync(path.join(staging, 'pg'), pgDir, { recursive: true });
    fs.mkdirSync(attachmentsDir, { recursive: true });
    fs.cpSync(path.join(staging, 'attachments'), attachmentsDir, { recursive: true });
    return manifest;
  } finally {
    release();
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
