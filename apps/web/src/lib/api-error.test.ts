import type { ValidationDetail } from '@porta/contracts/errors';
import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, isNotFoundError, parseDetailFields, parseFieldIssues } from './api-error';
import { initials } from './initials';

describe('API errors', () => {
  it('reads VALIDATION_FAILED details into field issues, ignoring anything malformed', () => {
    // The server's shape (ValidationDetail): a dotted field, a code, a localised message.
    const details: ValidationDetail[] = [
      { field: 'tenant.slug', code: 'custom', message: 'taken' },
      { field: 'domains.2', code: 'invalid_format', message: 'bad' },
    ];
    expect(parseFieldIssues(details)).toEqual([
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

describe('a missing object (#9 item 6)', () => {
  const error = (status: number, code: string, detailFields: string[] = []) => new ApiError({ status, code, message: 'x', area: 'portal', detailFields });

  it('is a 404, or an id in the address refused as malformed', () => {
    expect(isNotFoundError(error(404, 'TICKET_NOT_FOUND'))).toBe(true);
    expect(isNotFoundError(error(400, 'VALIDATION_FAILED', ['params.id']))).toBe(true);
    expect(isNotFoundError(error(400, 'VALIDATION_FAILED', ['params.id', 'body.name']))).toBe(false);
    expect(isNotFoundError(error(400, 'VALIDATION_FAILED'))).toBe(false);
    expect(isNotFoundError(error(403, 'FORBIDDEN'))).toBe(false);
    expect(isNotFoundError(error(500, 'INTERNAL'))).toBe(false);
    expect(isNotFoundError(new Error('404'))).toBe(false);
  });

  it('reads the fields of the details the server sends', () => {
    expect(parseDetailFields([{ field: 'params.id', code: 'invalid_format', message: 'm' }])).toEqual(['params.id']);
    expect(parseDetailFields('nope')).toEqual([]);
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
