import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** Runs a read-only probe (no shell) and gives its trimmed stdout, or null on any failure. */
export function probe(file: string, args: string[], timeoutMs = 10_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(file, args, { shell: false, windowsHide: true, timeout: timeoutMs, maxBuffer: 1024 * 1024 }, (error, stdout) => {
      resolve(error ? null : stdout.toString().trim());
    });
  });
}

export async function readText(file: string): Promise<string | null> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return null;
  }
}

/** The first non-empty value, for "best effort" probes. */
export function orNull(value: string | null | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}
