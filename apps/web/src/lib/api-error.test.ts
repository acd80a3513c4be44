import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, parseFieldIssues } from './api-error';
import { initials } from './initials';

describe('API errors', () => {
  it('reads VALIDATION_FAILED details into field issues, ignoring anything malformed', () => {
    expect(parseFieldIssues([{ path: ['tenant', 'slug'], message: 'taken' }, { path: ['domains', 2], message: 'bad' }])).toEqual([
      { path: ['tenant', 'slug'], message: 'taken' },
      { path: ['domains', '2'], message: 'bad' },
    ]);
    expect(parseFieldIssues({ nope: true })).toEqual([]);
    expect(parseFieldIssues(undefined)).toEqual([]);
  });

  it('recognises errors by code', () => {
    const error = new ApiError({ status: 401, code: 'TOTP_REQUIRED', message: 'Enter the code', area: 'console' });
    expect(isApiError(error)).toBe(true);
    expect(isApiError(error, 'TOTP_REQUIRED')).toBe(true);
    expect(isApiError(error, 'UNAUTHENTICATED')).toBe(false);
    expect(isApiError(new Error('x'))).toBe(false);
  });
});

describe('initials', () => {
  it('takes the first letters of the first and last names', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  grace  brewster murray hopper ')).toBe('GH');
    expect(initials('Cher')).toBe('C');
    expect(initials('')).toBe('');
  });
});
