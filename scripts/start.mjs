// `npm start`: build what is missing or stale, then run the server (it migrates on start).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SERVER_NODE_ARGS } from './node-args.mjs';

const root = path.resolve(import.meta.dirname, '..');

// Newest modification time under `source`, which may be a directory (walked recursively,
// skipping node_modules and dist) or a single file such as apps/web/index.html.
function newestMtime(source) {
  if (!fs.existsSync(source)) return 0;
  const stat = fs.statSync(source);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(source, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    if (full.includes(`${path.sep}node_modules${path.sep}`) || full.includes(`${path.sep}dist${path.sep}`)) continue;
    newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function stale(output, sources) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return sources.some((source) => newestMtime(path.join(root, source)) > built);
}

function run(args) {
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const shared = ['packages/contracts/src', 'packages/i18n/src', 'packages/i18n/locales'];
if (stale(path.join(root, 'apps/web/dist/index.html'), ['apps/web/src', 'apps/web/index.html', ...shared])) {
  console.log('Building the web app…');
  run(['run', 'build', '-w', '@porta/web']);
}
if (stale(path.join(root, 'apps/server/dist/main.js'), ['apps/server/src', ...shared])) {
  console.log('Building the server…');
  run(['run', 'build', '-w', '@porta/server']);
}

const server = spawn(process.execPath, [...SERVER_NODE_ARGS, path.join(root, 'apps/server/dist/main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
