/**
 * A Vite build plugin of our own: once the bundle is written, every text asset of `dist/`
 * (scripts, styles, HTML, SVG, JSON; not source maps) gets a brotli (`.br`, quality 11) and a
 * gzip (`.gz`, level 9) sibling, kept only when it saves at least 10%. The server sends them by
 * content negotiation (`Accept-Encoding`, @fastify/static `preCompressed`), so nothing is
 * compressed per request.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;
const MIN_BYTES = 256;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function compressFile(file: string): Promise<void> {
  const raw = await fs.readFile(file);
  if (raw.length < MIN_BYTES) return;
  const [br, gz] = await Promise.all([
    brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } }),
    gzip(raw, { level: 9 }),
  ]);
  await Promise.all([
    br.length <= raw.length * 0.9 ? fs.writeFile(`${file}.br`, br) : Promise.resolve(),
    gz.length <= raw.length * 0.9 ? fs.writeFile(`${file}.gz`, gz) : Promise.resolve(),
  ]);
}

export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'porta-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const entries = await fs.readdir(outDir, { recursive: true, withFileTypes: true });
      const files = entries.filter((e) => e.isFile() && COMPRESSIBLE.test(e.name)).map((e) => path.join(e.parentPath, e.name));
      await Promise.all(files.map(compressFile));
    },
  };
}
