import type { BrandingImageKind } from '@porta/contracts/branding';
import { AppError } from '../../platform/errors.ts';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/x-icon';

/** Size limits: a logo up to 512 KiB, a favicon up to 64 KiB. */
export const IMAGE_LIMITS: Record<BrandingImageKind, number> = { logo: 512 * 1024, favicon: 64 * 1024 };
const ACCEPTED: Record<BrandingImageKind, ImageType[]> = {
  logo: ['image/png', 'image/jpeg', 'image/webp'],
  favicon: ['image/png', 'image/x-icon'],
};
const LABELS: Record<ImageType, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP', 'image/x-icon': 'ICO' };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ascii = (bytes: Buffer, start: number, end: number): string => bytes.subarray(start, end).toString('latin1');

/** The type the bytes themselves say, from their signature and first structure; never a name or a declared type. */
export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length >= 16 && bytes.subarray(0, 8).equals(PNG) && ascii(bytes, 12, 16) === 'IHDR') return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP' && ascii(bytes, 12, 15) === 'VP8') return 'image/webp';
  // ICONDIR: reserved 0, type 1 (icon), at least one image.
  if (bytes.length >= 22 && bytes.readUInt16LE(0) === 0 && bytes.readUInt16LE(2) === 1 && bytes.readUInt16LE(4) > 0) return 'image/x-icon';
  return null;
}

/** Text that is (or wraps) an SVG document: refused with its own message. */
function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return head.startsWith('<') && head.includes('<svg');
}

/** Checks an upload for `kind`; answers its sniffed type, or throws a localised 4xx. */
export function checkImage(kind: BrandingImageKind, bytes: Buffer): ImageType {
  if (bytes.length === 0) throw new AppError('BRANDING_IMAGE_EMPTY');
  if (bytes.length > IMAGE_LIMITS[kind]) throw new AppError('BRANDING_IMAGE_TOO_LARGE', { kilobytes: IMAGE_LIMITS[kind] / 1024 });
  const type = sniffImage(bytes);
  if (type && ACCEPTED[kind].includes(type)) return type;
  if (!type && looksLikeSvg(bytes)) throw new AppError('BRANDING_IMAGE_SVG');
  throw new AppError('BRANDING_IMAGE_TYPE', { types: ACCEPTED[kind].map((t) => LABELS[t]).join(', ') });
}
