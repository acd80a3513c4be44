import { ERROR_CODES } from '@porta/contracts/errors';
import { expect } from 'vitest';
import type { Response } from './client.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** The `{ error: { code, message, details? } }` of a response, or null when it is not one. */
export function errorOf(res: Response): ErrorBody['error'] | null {
  try {
    const body = res.json<unknown>();
    if (typeof body !== 'object' || body === null || !('error' in body)) return null;
    const error = (body as ErrorBody).error;
    return typeof error === 'object' && error !== null ? error : null;
  } catch {
    return null;
  }
}

/** Asserts status and stable code together, so a failure shows both. */
export function expectError(res: Response, status: number, code: string): ErrorBody['error'] {
  const error = errorOf(res);
  expect({ status: res.statusCode, code: error?.code }, res.body).toEqual({ status, code });
  return error as ErrorBody['error'];
}

/** Invariant 3: a stable code from the contract and a non-empty message; `details` only when present. */
export function expectErrorShape(res: Response): void {
  const body = res.json<unknown>();
  expect(body, res.body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
  });
  const error = errorOf(res);
  expect(ERROR_CODES as readonly string[], res.body).toContain(error?.code);
  expect(error?.message.length, res.body).toBeGreaterThan(0);
  const keys = Object.keys(error ?? {}).sort();
  expect(['code', 'details', 'message']).toEqual(expect.arrayContaining(keys));
}

export function expectStatus(res: Response, status: number): void {
  expect(res.statusCode, `${res.statusCode} ${res.body}`).toBe(status);
}
