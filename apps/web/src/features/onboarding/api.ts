import { onboardingSchema } from '@porta/contracts/onboarding';
import { useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export const ONBOARDING_KEY = ['console', 'onboarding'] as const;

/** Issue 9 item 5: the first-run checklist, read fresh on every visit to the console home. */
export function useOnboarding() {
  return useQuery({ queryKey: ONBOARDING_KEY, queryFn: () => consoleApi.get('/api/v1/onboarding', onboardingSchema), staleTime: 0 });
}

/** The portal address was copied or opened from the checklist. */
export function useSharePortalAddress() {
  return useMutation({
    mutationFn: () => consoleApi.post('/api/v1/onboarding/portal-address', onboardingSchema, {}),
    onSuccess: (onboarding) => queryClient.setQueryData(ONBOARDING_KEY, onboarding),
  });
}
