import {
  selfServiceSettingsSchema,
  type SelfServiceSettings,
  softwareListSchema,
  type softwarePackageBodySchema,
  softwarePackageSchema,
  softwareStarterListSchema,
} from '@porta/contracts/software';
import { useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export type PackageInput = z.input<typeof softwarePackageBodySchema>;

const KEY = ['console', 'software'] as const;
const SETTINGS_KEY = ['console', 'settings', 'self-service'] as const;
const invalidate = () => queryClient.invalidateQueries({ queryKey: KEY });

/** SS-5: the tenant's software catalogue. */
export function useSoftware() {
  return useQuery({ queryKey: [...KEY, 'list'], queryFn: () => consoleApi.get('/api/v1/software', softwareListSchema) });
}

/** The shipped starter list the admin picks from (fetched when the picker opens). */
export function useStarterPackages(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'starter'], queryFn: () => consoleApi.get('/api/v1/software/starter', softwareStarterListSchema), enabled, staleTime: Infinity });
}

export function useCreatePackage() {
  return useMutation({ mutationFn: (input: PackageInput) => consoleApi.post('/api/v1/software', softwarePackageSchema, input), onSuccess: invalidate });
}

export function useUpdatePackage() {
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: Partial<PackageInput> }) => consoleApi.patch(`/api/v1/software/${encodeURIComponent(id)}`, softwarePackageSchema, patch),
    onSuccess: invalidate,
  });
}

export function useDeletePackage() {
  return useMutation({ mutationFn: (id: string) => consoleApi.delete(`/api/v1/software/${encodeURIComponent(id)}`, z.unknown()), onSuccess: invalidate });
}

/** Private sources and the pause switch (one settings object, SS-5 / SS-7). */
export function useSelfServiceSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => consoleApi.get('/api/v1/settings/self-service', selfServiceSettingsSchema) });
}

export function useUpdateSelfServiceSettings() {
  return useMutation({
    mutationFn: (patch: Partial<SelfServiceSettings>) => consoleApi.patch('/api/v1/settings/self-service', selfServiceSettingsSchema, patch),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}
