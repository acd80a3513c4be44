import { describe, expect, it } from 'vitest';
import { safePortalPath } from '../portal-auth/safe-next';
import { safeConsolePath } from './safe-next';

describe('redirect after sign-in', () => {
  it('keeps console paths in the console', () => {
    expect(safeConsolePath('/console/contacts/123')).toBe('/console/contacts/123');
    expect(safeConsolePath(null)).toBe('/console/customers');
    expect(safeConsolePath('https://evil.example/console/')).toBe('/console/customers');
    expect(safeConsolePath('//evil.example/console/')).toBe('/console/customers');
    expect(safeConsolePath('/console/login')).toBe('/console/customers');
    expect(safeConsolePath('/settings')).toBe('/console/customers');
  });

  it('keeps portal paths in the portal', () => {
    expect(safePortalPath('/settings')).toBe('/settings');
    expect(safePortalPath(null)).toBe('/');
    expect(safePortalPath('//evil.example')).toBe('/');
    expect(safePortalPath('https://evil.example')).toBe('/');
    expect(safePortalPath('/console/customers')).toBe('/');
    expect(safePortalPath('/login')).toBe('/');
  });
});
