import { expect, type APIRequestContext } from '@playwright/test';

interface Session {
  csrfToken: string;
}

/** A customer and one contact speaking `language`, through the admin API; answers the contact's credentials. */
export async function createContactInLanguage(request: APIRequestContext, session: Session, who: { firstName: string; company: string; language: string }) {
  const headers = { 'x-csrf-token': session.csrfToken };
  const customer = await request.post('/api/v1/customers', { headers, data: { name: who.company } });
  expect(customer.ok(), await customer.text()).toBeTruthy();
  const { id: customerId } = (await customer.json()) as { id: string };
  const email = `${who.firstName}.${Date.now()}@example.com`.toLowerCase();
  const contact = await request.post('/api/v1/contacts', { headers, data: { customerId, firstName: who.firstName, lastName: 'Tester', email, language: who.language } });
  expect(contact.ok(), await contact.text()).toBeTruthy();
  const body = (await contact.json()) as { credentials: { username: string; password: string } };
  return { customerId, credentials: body.credentials };
}
