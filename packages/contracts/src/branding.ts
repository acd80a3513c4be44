import { z } from 'zod';

/** D-4: `#rrggbb`, stored lower case. */
export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/).transform((v) => v.toLowerCase());

/** WCAG AA for normal text: white text on the primary colour must reach this. */
export const MIN_WHITE_CONTRAST = 4.5;

const channel = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** The WCAG 2 relative luminance of `#rrggbb`. */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The contrast ratio of white text on `#rrggbb` (1 to 21). */
export function whiteContrast(hex: string): number {
  return 1.05 / (relativeLuminance(hex) + 0.05);
}

/** The ratio as shown to people: two decimals, rounded down so that 4.496 never reads "4.50". */
export const formatRatio = (ratio: number): string => (Math.floor(ratio * 100) / 100).toFixed(2);

/** What the admin sees and edits (Admin > Customer portal). */
export const brandingSchema = z.object({
  /** THE generated portal address (tenant-address.ts), shown with a copy button (D-1). */
  portalAddress: z.string(),
  portalName: z.string().nullable(),
  primaryColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  faviconUrl: z.string().nullable(),
});
export type Branding = z.infer<typeof brandingSchema>;

export const brandingPatchSchema = z.strictObject({
  portalName: z.string().trim().min(1).max(80).nullable().optional(),
  primaryColor: hexColorSchema.nullable().optional(),
});
export type BrandingPatch = z.input<typeof brandingPatchSchema>;

export const brandingImageKindSchema = z.enum(['logo', 'favicon']);
export type BrandingImageKind = z.infer<typeof brandingImageKindSchema>;

/** An upload: the file's bytes in base64 (the type is sniffed from them; no declared type is trusted). */
export const brandingImageBodySchema = z.strictObject({ data: z.string().max(1_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/) });

/** What a page of the tenant needs to draw its brand (written into index.html by the server). */
export interface PageBrand {
  name: string;
  primaryColor: string | null;
  logoUrl: string | null;
  faviconUrl: string | null;
}
