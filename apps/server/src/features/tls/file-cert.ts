import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';

export interface CertificateFiles {
  cert: string;
  key: string;
}

/** Reads and checks a certificate/key pair (createSecureContext throws on a mismatch or bad PEM). */
export function readCertificateFiles(files: CertificateFiles): { cert: string; key: string } {
  const pair = { cert: fs.readFileSync(files.cert, 'utf8'), key: fs.readFileSync(files.key, 'utf8') };
  tls.createSecureContext(pair);
  return pair;
}

/**
 * PORTA_TLS=file: the operator's (wildcard) certificate, reloaded when either file changes.
 * Watches the files' directories, not the files (renewal tools replace files by renaming,
 * which ends a watch on the old inode), and waits `debounceMs` after the last change, since
 * the certificate and the key are rarely written at the same instant. A pair that does not
 * load (half written, mismatched) is reported and the current one kept.
 */
export function watchCertificateFiles(
  files: CertificateFiles,
  onPair: (pair: { cert: string; key: string }) => void,
  onError: (err: unknown) => void,
  debounceMs = 300,
): () => void {
  const names = new Map<string, Set<string>>();
  for (const file of [files.cert, files.key]) {
    const dir = path.dirname(path.resolve(file));
    if (!names.has(dir)) names.set(dir, new Set());
    names.get(dir)?.add(path.basename(file));
  }
  let timer: NodeJS.Timeout | null = null;
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      try {
        onPair(readCertificateFiles(files));
      } catch (err) {
        onError(err);
      }
    }, debounceMs);
  };
  const watchers = [...names].map(([dir, watched]) =>
    fs.watch(dir, (_event, name) => {
      if (name === null || watched.has(name.toString())) changed();
    }),
  );
  return () => {
    if (timer) clearTimeout(timer);
    watchers.forEach((w) => w.close());
  };
}
