import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import { AppError } from '../../platform/errors.ts';

export interface StoredFile {
  storageKey: string;
  size: number;
  contentType: string;
}

function looksLikeText(buf: Buffer): boolean {
  if (buf.includes(0)) return false;
  return !new TextDecoder('utf-8', { fatal: false }).decode(buf).includes('\uFFFD');
}

/** The type from the bytes, never from the client's claim: known signatures, else text or binary. */
async function sniff(file: string): Promise<string> {
  const detected = await fileTypeFromFile(file);
  if (detected) return detected.mime;
  const fd = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fd.read(buf, 0, buf.length, 0);
    return looksLikeText(buf.subarray(0, bytesRead)) ? 'text/plain; charset=utf-8' : 'application/octet-stream';
  } finally {
    await fd.close();
  }
}

/**
 * Streams an upload to `<dir>/<tenantId>/<random uuid>`, counting bytes and stopping past
 * `maxBytes` (nothing is kept then). Keys are random UUIDs: not guessable, never from names.
 */
export async function storeUpload(dir: string, tenantId: string, source: Readable, maxBytes: number): Promise<StoredFile> {
  const folder = path.join(dir, tenantId);
  await fs.promises.mkdir(folder, { recursive: true });
  const storageKey = `${tenantId}/${randomUUID()}`;
  const target = path.join(dir, storageKey);
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) done(new AppError('ATTACHMENT_TOO_LARGE', { megabytes: Math.round(maxBytes / 1048576) }));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, fs.createWriteStream(target, { flags: 'wx' }));
    if ((source as Readable & { truncated?: boolean }).truncated) throw new AppError('ATTACHMENT_TOO_LARGE', { megabytes: Math.round(maxBytes / 1048576) });
    return { storageKey, size, contentType: await sniff(target) };
  } catch (err) {
    await fs.promises.rm(target, { force: true });
    throw err;
  }
}

export function openStored(dir: string, storageKey: string): fs.ReadStream {
  return fs.createReadStream(path.join(dir, storageKey));
}

export async function removeStored(dir: string, storageKey: string): Promise<void> {
  await fs.promises.rm(path.join(dir, storageKey), { force: true });
}

/** `attachment; filename="…"; filename*=UTF-8''…` with anything unsafe replaced. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
