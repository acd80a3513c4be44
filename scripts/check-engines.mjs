// `npm run check` step: every package locked in package-lock.json must run on the oldest
// Node our own `engines.node` allows. A locked dependency that declares a narrower range
// (e.g. `>=22` while we say `>=20.19`) makes `npm ci` warn and may break on that Node;
// pin a version that supports ours (package.json `overrides`) or raise our `engines`.
import fs from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const root = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));

const ours = pkg.engines?.node;
const minimum = ours ? semver.minVersion(ours) : null;
if (!minimum) {
  console.error(`check-engines: package.json has no usable engines.node (${ours ?? 'unset'})`);
  process.exit(1);
}

const offenders = [];
for (const [where, entry] of Object.entries(lock.packages ?? {})) {
  if (where === '' || entry.link) continue;
  const range = typeof entry.engines === 'object' && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
  if (!range) continue;
  const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
  if (!semver.validRange(range)) {
    offenders.push(`${name}@${entry.version} (${where}): engines.node "${range}" is not a valid range`);
  } else if (!semver.satisfies(minimum, range, { includePrerelease: true })) {
    offenders.push(`${name}@${entry.version} (${where}): engines.node "${range}" excludes Node ${minimum}`);
  }
}

if (offenders.length > 0) {
  console.error(`check-engines: ${offenders.length} locked package(s) do not support Node ${minimum} (our engines.node "${ours}"):`);
  for (const line of offenders) console.error(`  - ${line}`);
  console.error('Pin versions that support it (package.json "overrides") or raise engines.node.');
  process.exit(1);
}
console.log(`check-engines: every locked package supports Node ${minimum} (engines.node "${ours}")`);
