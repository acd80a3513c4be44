import type { PortalMe } from '@porta/contracts/portal';
import { createContext, useContext } from 'react';

export const ContactContext = createContext<PortalMe | null>(null);

/** The signed-in contact; only inside the portal shell. */
export function useContact(): PortalMe {
  const me = useContext(ContactContext);
  if (!me) throw new Error('useContact must be used inside the portal shell');
  return me;
}
