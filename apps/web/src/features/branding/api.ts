import { type BrandingPatch, type BrandingImageKind, brandingSchema } from '@porta/contracts/branding';
import { useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['console', 'settings', 'branding'] as const;

export function useBranding() {
  return useQuery({ queryKey: KEY, queryFn: () => consoleApi.get('/api/v1/settings/branding', brandingSchema) });
}

const store = (data: unknown) => queryClient.setQueryData(KEY, data);

export function useUpdateBranding() {
  return useMutation({ mutationFn: (patch: BrandingPatch) => consoleApi.patch('/api/v1/settings/branding', brandingSchema, patch), onSuccess: store });
}

/** The file's bytes in base64: the server sniffs the type from them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function useUploadBrandingImage(kind: BrandingImageKind) {
  return useMutation({
    mutationFn: async (file: File) => consoleApi.put(`/api/v1/settings/branding/${kind}`, brandingSchema, { data: await base64Of(file) }),
    onSuccess: store,
  });
}

export function useRemoveBrandingImage(kind: BrandingImageKind) {
  return useMutation({ mutationFn: () => consoleApi.delete(`/api/v1/settings/branding/${kind}`, brandingSchema), onSuccess: store });
}
