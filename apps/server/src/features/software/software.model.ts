import type { InstallSoftwareParams } from '@porta/agent-protocol';
import type { SoftwarePackage } from '@porta/contracts/software';
import type { PackageRow } from './software.repo.ts';

export type DeviceOs = 'windows' | 'macos' | 'linux';

/** SS-5: Windows installs with Chocolatey (winget when only that is given), macOS with Homebrew; nothing for Linux (beyond the seed). */
export function osOf(p: PackageRow): ('windows' | 'macos')[] {
  const os: ('windows' | 'macos')[] = [];
  if (p.chocolatey_id || p.winget_id) os.push('windows');
  if (p.homebrew_cask || p.homebrew_formula) os.push('macos');
  return os;
}

export function presentPackage(p: PackageRow): SoftwarePackage {
  const homebrewId = p.homebrew_cask ?? (p.homebrew_formula ? `formula:${p.homebrew_formula}` : null);
  return { id: p.id, name: p.name, chocolateyId: p.chocolatey_id, homebrewFormula: p.homebrew_formula, homebrewCask: p.homebrew_cask, homebrewId, wingetId: p.winget_id, aliases: p.aliases, os: osOf(p) };
}

/** The agent's install parameters for one package on one OS, or null when it does not install there. */
export function installParams(p: PackageRow, os: DeviceOs, sources: { chocolateySource: string | null; homebrewTap: string | null }): InstallSoftwareParams | null {
  if (os === 'windows' && p.chocolatey_id) return { packageId: p.id, manager: 'choco', packageRef: p.chocolatey_id, ...(sources.chocolateySource && { source: sources.chocolateySource }) };
  if (os === 'windows' && p.winget_id) return { packageId: p.id, manager: 'winget', packageRef: p.winget_id };
  if (os === 'macos' && (p.homebrew_cask || p.homebrew_formula)) {
    const packageRef = p.homebrew_cask ? `cask:${p.homebrew_cask}` : `formula:${p.homebrew_formula ?? ''}`;
    return { packageId: p.id, manager: 'brew', packageRef, ...(sources.homebrewTap && { source: sources.homebrewTap }) };
  }
  return null;
}
