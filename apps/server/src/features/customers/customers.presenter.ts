import type { Customer } from '@porta/contracts/customers';

interface CustomerRowView {
  id: string;
  name: string;
  domains: string[];
  contact_count: number;
  created_at: Date;
  updated_at: Date;
}

export function presentCustomer(row: CustomerRowView): Customer {
  return {
    id: row.id,
    name: row.name,
    domains: row.domains,
    contactCount: Number(row.contact_count),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
