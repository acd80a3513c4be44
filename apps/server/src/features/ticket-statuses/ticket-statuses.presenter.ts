import type { TicketStatus } from '@porta/contracts/tickets';
import type { StatusRow } from './ticket-statuses.repo.ts';

export function presentStatus(row: Pick<StatusRow, 'id' | 'key' | 'name' | 'category' | 'is_default' | 'position'>): TicketStatus {
  return { id: row.id, key: row.key, name: row.name, category: row.category, isDefault: row.is_default, position: row.position };
}
