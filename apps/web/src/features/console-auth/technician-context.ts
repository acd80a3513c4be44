import type { TechnicianUser } from '@porta/contracts/auth';
import { createContext, useContext } from 'react';

export const TechnicianContext = createContext<TechnicianUser | null>(null);

/** The signed-in technician; only inside the console shell. */
export function useTechnician(): TechnicianUser {
  const user = useContext(TechnicianContext);
  if (!user) throw new Error('useTechnician must be used inside the console shell');
  return user;
}
