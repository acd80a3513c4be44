import { describe, expect, it } from 'vitest';
import { ateraDate, portaPriority, portaStatusKey, portaType } from './atera-map.ts';
import { endpointUrl, retryAfterMs } from './atera-client.ts';

describe('Atera → Porta field mapping', () => {
  it('maps the four built-in statuses by meaning and a custom one to open', () => {
    expect(['Open', 'Pending', 'Resolved', 'Closed', 'Waiting for parts', null].map(portaStatusKey)).toEqual(['open', 'pending', 'resolved', 'closed', 'open', 'open']);
  });

  it('maps priorities and types, with defaults for the unknown', () => {
    expect(['Low', 'Medium', 'High', 'Critical', 'Urgent', undefined].map(portaPriority)).toEqual(['low', 'medium', 'high', 'critical', 'medium', 'medium']);
    expect(['Problem', 'Request', 'Incident', 'Change', 'Other', null].map(portaType)).toEqual(['problem', 'request', 'incident', 'request', 'incident', 'incident']);
  });

  it('reads Atera dates with or without a zone as UTC, and refuses garbage', () => {
    expect(ateraDate('2024-01-05T10:00:00')?.toISOString()).toBe('2024-01-05T10:00:00.000Z');
    expect(ateraDate('2024-01-05T10:00:00+02:00')?.toISOString()).toBe('2024-01-05T08:00:00.000Z');
    expect(ateraDate('yesterday')).toBeNull();
    expect(ateraDate(null)).toBeNull();
  });

  it('builds page URLs under the base whether or not it ends in a slash', () => {
    expect(endpointUrl('https://app.atera.com/api/v3', 'tickets/7/comments', 2)).toBe('https://app.atera.com/api/v3/tickets/7/comments?page=2&itemsInPage=50');
    expect(endpointUrl('https://app.atera.com/api/v3/', 'customers', 1)).toBe('https://app.atera.com/api/v3/customers?page=1&itemsInPage=50');
  });

  it('reads Retry-After as seconds or a date, capped at an hour', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('999999')).toBe(3_600_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(undefined)).toBe(30_000);
  });
});
