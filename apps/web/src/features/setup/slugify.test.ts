import { tenantSlugSchema } from '@porta/contracts/setup';
import { describe, expect, it } from 'vitest';
import { slugify } from './slugify';

describe('slugify', () => {
  it('turns an organisation name into a portal address', () => {
    expect(slugify('Acme IT Services')).toBe('acme-it-services');
    expect(slugify('  Müller & Söhne GmbH ')).toBe('muller-sohne-gmbh');
    expect(slugify('Café--Réseau!!')).toBe('cafe-reseau');
  });

  it('always answers something the server accepts, or nothing', () => {
    for (const name of ['Acme', 'a'.repeat(80) + ' b', '--x--', 'Ünïcödé Ltd.', '123 Numbers']) {
      const slug = slugify(name);
      if (slug.length >= 2) expect(tenantSlugSchema.safeParse(slug).success).toBe(true);
    }
    expect(slugify('!!!')).toBe('');
  });
});
