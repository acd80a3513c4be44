import type { MantineColorsTuple } from '@mantine/core';
import type { PageBrand } from '@porta/contracts/branding';

/**
 * D-4: the tenant's brand, written into the page by the server (`#porta-brand`,
 * apps/server/src/platform/http/app-page.ts), read once before the app draws.
 */
function readPageBrand(): PageBrand | null {
  const el = typeof document === 'undefined' ? null : document.getElementById('porta-brand');
  if (!el?.textContent) return null;
  try {
    return JSON.parse(el.textContent) as PageBrand;
  } catch {
    return null;
  }
}

export const pageBrand: PageBrand | null = readPageBrand();

const HEX = /^#[0-9a-f]{6}$/i;

function mix(hex: string, target: number, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => Math.round(((n >> shift) & 255) * (1 - amount) + target * amount);
  return `#${[16, 8, 0].map((s) => channel(s).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Ten shades around the brand colour, the colour itself at shade 7 (the theme's primary shade,
 * on which buttons draw white text: the server refused any colour below 4.5:1 for it).
 */
export function brandShades(hex: string): MantineColorsTuple | null {
  if (!HEX.test(hex)) return null;
  const c = hex.toLowerCase();
  return [mix(c, 255, 0.92), mix(c, 255, 0.84), mix(c, 255, 0.7), mix(c, 255, 0.55), mix(c, 255, 0.4), mix(c, 255, 0.25), mix(c, 255, 0.12), c, mix(c, 0, 0.15), mix(c, 0, 0.3)];
}
