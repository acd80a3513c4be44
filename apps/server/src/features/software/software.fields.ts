import type { SoftwarePackageBody } from '@porta/contracts/software';
import { AppError } from '../../platform/errors.ts';
import type { PackageFields } from './software.repo.ts';

type Body = Partial<SoftwarePackageBody>;

const blank = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : v === null || v === '' ? null : v);

/** Aliases as stored: trimmed, lower-case duplicates and the package's own name dropped, in the order given. */
export function cleanAliases(aliases: readonly string[], name: string | undefined): string[] {
  const seen = new Set(name ? [name.trim().toLowerCase()] : []);
  const out: string[] = [];
  for (const a of aliases) {
    const t = a.trim().replace(/\s+/g, ' ');
    if (t === '' || seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    out.push(t);
  }
  return out;
}

/**
 * A catalogue body (either API: /api/v1/software or /api/v1/software-catalogue, issue 13 item 6)
 * as the columns to write. `homebrewId` is a cask unless written `formula:<name>`; setting it
 * replaces both Homebrew columns.
 */
export function fields(b: Body, currentName?: string): Partial<PackageFields> {
  const out: Partial<PackageFields> = {
    ...(b.name !== undefined && { name: b.name }),
    ...(b.chocolateyId !== undefined && { chocolateyId: blank(b.chocolateyId) ?? null }),
    ...(b.homebrewFormula !== undefined && { homebrewFormula: blank(b.homebrewFormula) ?? null }),
    ...(b.homebrewCask !== undefined && { homebrewCask: blank(b.homebrewCask) ?? null }),
    ...(b.wingetId !== undefined && { wingetId: blank(b.wingetId) ?? null }),
    ...(b.aliases !== undefined && { aliases: cleanAliases(b.aliases, b.name ?? currentName) }),
  };
  if (b.homebrewId !== undefined) {
    const id = blank(b.homebrewId) ?? null;
    const formula = id?.startsWith('formula:') ? id.slice(8) : null;
    const cask = id === null || formula !== null ? null : id.replace(/^cask:/, '');
    out.homebrewFormula = formula;
    out.homebrewCask = cask;
  }
  return out;
}

export function assertInstallable(p: Partial<PackageFields>): void {
  if (!p.chocolateyId && !p.homebrewFormula && !p.homebrewCask && !p.wingetId) throw new AppError('SOFTWARE_PACKAGE_NO_MANAGER');
}
