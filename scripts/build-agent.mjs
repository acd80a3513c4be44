// `npm run build:agent [-- --node-darwin-arm64 PATH] [--cache DIR]`: the Porta agent as one
// executable per platform (SS-1), with Node's single executable applications:
//   1. esbuild bundles apps/agent/src/main.ts (and ws, zod, the protocol) into one CJS file;
//   2. the pinned Node (NODE_VERSION, registry packages node-{win,darwin,linux}-x64, installed on
//      demand into a cache, not into package-lock) makes the SEA blob (--experimental-sea-config);
//   3. postject injects the blob into a copy of each target's node binary.
// macOS binaries lose their signature on injection: on a Mac run `codesign --force --sign - FILE`
// (or sign with your Developer ID) before shipping. Check the result with scripts/agent-build-check.mjs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { DARWIN_ARM64, NODE_VERSION, OUT_DIR, POSTJECT_VERSION, SEA_FUSE, TARGETS } from './agent-targets.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { 'node-darwin-arm64': { type: 'string' }, cache: { type: 'string' } },
});
const cache = path.resolve(values.cache ?? process.env.PORTA_AGENT_BUILD_CACHE ?? path.join(root, '.tmp/agent-build-cache'), `node-${NODE_VERSION}`);
const out = path.join(root, OUT_DIR);
const work = path.join(out, '.build');

function step(text) {
  console.log(`build:agent: ${text}`);
}

// 1. Bundle.
rmSync(out, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const bundle = path.join(work, 'porta-agent.cjs');
await build({
  entryPoints: [path.join(root, 'apps/agent/src/main.ts')],
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ws's optional native speed-ups: absent, ws falls back to JS.
  external: ['bufferutil', 'utf-8-validate'],
  legalComments: 'none',
  logLevel: 'warning',
});
step(`bundled ${path.relative(root, bundle)} (${Math.round(readFileSync(bundle).length / 1024)} KiB)`);

// 2. Target Node binaries and postject, pinned, in the cache.
const modules = path.join(cache, 'node_modules');
const wanted = [...TARGETS.map((t) => `${t.pkg}@${NODE_VERSION}`), `postject@${POSTJECT_VERSION}`];
const installed = (spec) => {
  const [name, version] = spec.split(/@(?=[^@]*$)/);
  try {
    return JSON.parse(readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version === version;
  } catch {
    return false;
  }
};
if (!wanted.every(installed)) {
  step(`installing ${wanted.join(', ')} into ${cache}`);
  mkdirSync(cache, { recursive: true });
  writeFileSync(path.join(cache, 'package.json'), '{ "private": true }\n');
  // --force: the node-* packages declare os/cpu; here they are payload, not something to run.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--ignore-scripts', '--force', ...wanted], { cwd: cache, stdio: 'inherit' });
}
const binaryOf = (t) => path.join(modules, t.pkg, t.bin);

// 3. SEA blob, made by the pinned Node itself (a blob only fits the Node version that made it).
const hostNode = process.platform === 'linux' && process.arch === 'x64' ? binaryOf(TARGETS.find((t) => t.name === 'linux-x64')) : null;
if (!hostNode) throw new Error('build:agent runs on linux-x64 (it executes the pinned Linux Node to make the SEA blob)');
const blob = path.join(work, 'sea-prep.blob');
const seaConfig = path.join(work, 'sea-config.json');
writeFileSync(seaConfig, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }, null, 2));
execFileSync(hostNode, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });
step(`SEA blob with Node ${NODE_VERSION}`);

// 4. Inject into each target.
const postject = path.join(modules, 'postject/dist/cli.js');
const targets = TARGETS.map((t) => ({ ...t, source: binaryOf(t) }));
if (values['node-darwin-arm64']) {
  const source = path.resolve(values['node-darwin-arm64']);
  if (!existsSync(source)) throw new Error(`--node-darwin-arm64: no file at ${source}`);
  step(`macos-arm64 from ${source} (must be Node ${NODE_VERSION} for darwin-arm64)`);
  targets.push({ ...DARWIN_ARM64, source });
} else {
  step('macos-arm64 skipped: no registry package provides it; pass --node-darwin-arm64 PATH (a Node ' + NODE_VERSION + ' darwin-arm64 binary) to build it');
}
const sums = [];
for (const t of targets) {
  const file = path.join(out, t.file);
  copyFileSync(t.source, file);
  chmodSync(file, 0o755);
  const args = [postject, file, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE];
  if (t.format === 'macho') args.push('--macho-segment-name', 'NODE_SEA');
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const data = readFileSync(file);
  sums.push(`${createHash('sha256').update(data).digest('hex')}  ${t.file}`);
  step(`wrote ${path.join(OUT_DIR, t.file)} (${Math.round(data.length / 1024 / 1024)} MiB)`);
}
writeFileSync(path.join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
rmSync(work, { recursive: true, force: true });
step('done. macOS binaries must be re-signed on a Mac before use: codesign --force --sign - <file>');
