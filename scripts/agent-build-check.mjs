// Checks `npm run build:agent`'s output (SS-1): each executable's format (PE, Mach-O, ELF, for
// x86-64 or arm64), that postject flipped the SEA fuse, and runs the Linux one: --version, then
// enrol + run with the dry-run executor against a protocol server, one signed command.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DARWIN_ARM64, OUT_DIR, SEA_FUSE, TARGETS } from './agent-targets.mjs';

const root = path.resolve(import.meta.dirname, '..');
const failures = [];
let passes = 0;
const ok = (text) => {
  passes += 1;
  console.log(`agent-build-check: ok   ${text}`);
};
const fail = (text) => {
  failures.push(text);
  console.log(`agent-build-check: FAIL ${text}`);
};

function format(buf) {
  if (buf[0] === 0x4d && buf[1] === 0x5a) {
    const pe = buf.readUInt32LE(0x3c);
    if (buf.toString('latin1', pe, pe + 4) !== 'PE\0\0') return 'MZ without PE header';
    const machine = buf.readUInt16LE(pe + 4);
    return machine === 0x8664 ? 'pe-x64' : `pe-machine-0x${machine.toString(16)}`;
  }
  const magic = buf.readUInt32BE(0);
  if (magic === 0xcffaedfe || magic === 0xfeedfacf) {
    const cpu = magic === 0xcffaedfe ? buf.readUInt32LE(4) : buf.readUInt32BE(4);
    return cpu === 0x01000007 ? 'macho-x64' : cpu === 0x0100000c ? 'macho-arm64' : `macho-cpu-0x${cpu.toString(16)}`;
  }
  if (magic === 0x7f454c46) {
    if (buf[4] !== 2) return 'elf-32';
    const machine = buf.readUInt16LE(18);
    return machine === 0x3e ? 'elf-x64' : machine === 0xb7 ? 'elf-arm64' : `elf-machine-0x${machine.toString(16)}`;
  }
  return 'unknown';
}

const expected = { 'windows-x64': 'pe-x64', 'macos-x64': 'macho-x64', 'linux-x64': 'elf-x64', 'macos-arm64': 'macho-arm64' };
const files = [...TARGETS, DARWIN_ARM64].map((t) => ({ ...t, path: path.join(root, OUT_DIR, t.file) }));
for (const t of files) {
  if (!existsSync(t.path)) {
    if (t.name === 'macos-arm64') console.log('agent-build-check: --   macos-arm64 not built (needs --node-darwin-arm64 PATH)');
    else fail(`${t.file} missing (run npm run build:agent)`);
    continue;
  }
  const buf = readFileSync(t.path);
  const got = format(buf);
  if (got === expected[t.name]) ok(`${t.file}: ${got}`);
  else fail(`${t.file}: format ${got}, want ${expected[t.name]}`);
  const fused = buf.includes(Buffer.from(`${SEA_FUSE}:1`));
  const unfused = buf.includes(Buffer.from(`${SEA_FUSE}:0`));
  if (fused && !unfused) ok(`${t.file}: SEA fuse set`);
  else fail(`${t.file}: SEA fuse ${unfused ? 'not set' : 'missing'}`);
}

const linux = files.find((t) => t.name === 'linux-x64');
if (existsSync(linux.path) && process.platform === 'linux' && process.arch === 'x64') {
  const version = execFileSync(linux.path, ['--version'], { encoding: 'utf8' }).trim();
  if (/^porta-agent \d+\.\d+\.\d+$/.test(version)) ok(`${linux.file} --version: ${version}`);
  else fail(`${linux.file} --version printed ${JSON.stringify(version)}`);
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'apps/agent/src/test/sea-smoke.ts'), linux.path], { encoding: 'utf8', cwd: root, timeout: 120_000 });
    ok(`${linux.file} enrol + run + signed command: ${out.trim().split('\n').at(-1)}`);
  } catch (error) {
    fail(`${linux.file} smoke: ${error.stdout ?? ''}${error.stderr ?? error.message}`);
  }
}

// The plain summary line CI tallies.
console.log(`${passes} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);
