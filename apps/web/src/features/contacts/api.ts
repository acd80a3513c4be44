import { type Contact, contactCreatedSchema, contactDefaultsSchema, contactDetailSchema, contactPageSchema, contactSchema } from '@porta/contracts/contacts';
import type { Language } from '@porta/i18n/languages';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export interface ContactListParams {
  q?: string;
  customerId?: string;
  page: number;
  pageSize: number;
}

export interface ContactFields {
  firstName: string;
  lastName: string;
  email: string;
  isPrimary: boolean;
  language: Language;
  phone: string | null;
  /** Issue 5: mail flags, set on the contact page's e-mail card. */
  emailTickets?: boolean;
  notifyCompanyTickets?: boolean;
}

export type ContactCreateInput = ContactFields & { customerId: string; sendWelcomeEmail?: boolean };

const KEY = ['console', 'contacts'] as const;
const detailKey = (id: string) => [...KEY, 'detail', id] as const;
const path = (id: string) => `/api/v1/contacts/${encodeURIComponent(id)}`;

export function useContacts(params: ContactListParams) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => consoleApi.get('/api/v1/contacts', contactPageSchema, { ...params }),
    placeholderData: keepPreviousData,
  });
}

export function useContact(id: string, enabled = true) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => consoleApi.get(path(id), contactDetailSchema), enabled: enabled && id !== '' });
}

/** Contacts change customers' contact counts too. */
function invalidateLists() {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['console', 'customers'] }),
  ]);
}

/** The new-contact form's starting values (issue 9 item 5: the welcome box follows the tenant's setting). */
export function useContactDefaults() {
  return useQuery({ queryKey: [...KEY, 'defaults'], queryFn: () => consoleApi.get('/api/v1/contacts/defaults', contactDefaultsSchema), staleTime: 0 });
}

export function useCreateContact() {
  return useMutation({
    mutationFn: (input: ContactCreateInput) => consoleApi.post('/api/v1/contacts', contactCreatedSchema, input),
    onSuccess: (created) => {
      queryClient.setQueryData(detailKey(created.contact.id), created);
      return invalidateLists();
    },
  });
}

export function useUpdateContact(id: string) {
  return useMutation({
    mutationFn: (input: Partial<ContactFields>) => consoleApi.patch(path(id), contactSchema, input),
    onSuccess: (contact: Contact) => {
      queryClient.setQueryData<z.infer<typeof contactDetailSchema>>(detailKey(id), (current) => (current ? { ...current, contact } : current));
      return invalidateLists();
    },
  });
}

export function useDeleteContact() {
  return useMutation({
    mutationFn: (id: string) => consoleApi.delete(path(id), z.unknown()),
    onSuccess: (_result, id) => {
      queryClient.removeQueries({ queryKey: detailKey(id) });
      return invalidateLists();
    },
  });
}

export function useRegenerateCredentials(id: string) {
  return useMutation({
    mutationFn: () => consoleApi.post(`${path(id)}/credentials`, contactCreatedSchema, {}),
    onSuccess: (result) => {
      queryClient.setQueryData(detailKey(id), result);
      return invalidateLists();
    },
  });
}

/** SS-6: forgets the contact's verified mobile number; they enrol again before the next action. */
export function useClearPhone(id: string) {
  return useMutation({
    mutationFn: () => consoleApi.delete(`${path(id)}/phone`, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: detailKey(id) }),
  });
}
