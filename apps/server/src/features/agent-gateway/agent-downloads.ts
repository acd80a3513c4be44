import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentDownloads } from '@porta/contracts/devices';

/** `<repo>/dist/agent`, where `npm run build:agent` writes one executable per platform. */
export function defaultAgentDist(): string {
  return fileURLToPath(new URL('../../../../dist/agent', import.meta.url.replace(/\/(src|dist)\/.*$/, '/$1/x')));
}

/** A file name the download route may serve: a plain name listed in the directory, nothing else. */
const FILE_NAME = /^porta-agent-[a-z0-9-]+(\.exe)?$/;

/** The platform a build's file name stands for (`porta-agent-linux-x64` → `linux-x64`). */
function platformOf(file: string): string {
  return file.replace(/^porta-agent-/, '').replace(/\.exe$/, '');
}

/** What the console's "Add device" dialog offers: the built executables, or `built: false`. */
export function listAgentDownloads(dir: string): AgentDownloads {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => FILE_NAME.test(n));
  } catch {
    return { built: false, files: [] };
  }
  const files = names.sort().flatMap((file) => {
    const stat = fs.statSync(path.join(dir, file), { throwIfNoEntry: false });
    return stat?.isFile() ? [{ platform: platformOf(file), file, sizeBytes: stat.size }] : [];
  });
  return { built: files.length > 0, files };
}

/** The path of a listed build, or null (a name not listed is never joined to a path). */
export function agentFilePath(dir: string, file: string): string | null {
  const listed = listAgentDownloads(dir).files.find((f) => f.file === file);
  return listed ? path.join(dir, listed.file) : null;
}
