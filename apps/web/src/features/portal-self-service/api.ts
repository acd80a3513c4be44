import {
  actionCreatedSchema,
  type SelfServiceAction,
  type SelfServiceActionView,
  phoneAnswerSchema,
  phoneStateSchema,
  portalDeviceSoftwareSchema,
  selfServiceActionSchema,
} from '@porta/contracts/self-service';
import { useMutation, useQuery } from '@tanstack/react-query';
import { portalApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['portal', 'self-service'] as const;
const id = (value: string) => encodeURIComponent(value);

/** The contact's phone state; a 404 means the self-service section is off for them (SS-3). */
export function usePhoneState() {
  return useQuery({ queryKey: [...KEY, 'phone'], queryFn: () => portalApi.get('/api/v1/portal/phone', phoneStateSchema), retry: false });
}

/** The catalogue software the server offers for one device (its OS only). */
export function useDeviceSoftware(deviceId: string, enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'software', deviceId], queryFn: () => portalApi.get(`/api/v1/portal/devices/${id(deviceId)}/software`, portalDeviceSoftwareSchema), enabled });
}

export function useSendPhoneCode() {
  return useMutation({ mutationFn: (phone: string) => portalApi.post('/api/v1/portal/phone', phoneAnswerSchema, { phone }) });
}

export function useVerifyPhone() {
  return useMutation({
    mutationFn: (code: string) => portalApi.post('/api/v1/portal/phone/verify', phoneStateSchema, { code }),
    onSuccess: (state) => queryClient.setQueryData([...KEY, 'phone'], state),
  });
}

export function useRequestAction(deviceId: string) {
  return useMutation({
    mutationFn: (input: { action: SelfServiceAction; packageId?: string }) => portalApi.post(`/api/v1/portal/devices/${id(deviceId)}/actions`, actionCreatedSchema, input),
  });
}

export function useConfirmAction() {
  return useMutation({ mutationFn: (input: { actionId: string; code: string }) => portalApi.post(`/api/v1/portal/actions/${id(input.actionId)}/confirm`, selfServiceActionSchema, { code: input.code }) });
}

const FINAL_COMMAND = new Set(['succeeded', 'failed', 'refused', 'expired', 'cancelled']);

/** True once neither the request nor its command can change any more. */
export function isFinal(view: SelfServiceActionView): boolean {
  if (view.status === 'cancelled' || view.status === 'expired') return true;
  return view.command !== null && FINAL_COMMAND.has(view.command.status);
}

/** Polls the action every 1.5 s until it reaches a final state; React Query stops polling on unmount. */
export function useActionProgress(actionId: string) {
  return useQuery({
    queryKey: [...KEY, 'action', actionId],
    queryFn: () => portalApi.get(`/api/v1/portal/actions/${id(actionId)}`, selfServiceActionSchema),
    refetchInterval: (query) => (query.state.data && isFinal(query.state.data) ? false : 1_500),
  });
}
