import {
  actionCreatedSchema,
  type SelfServiceAction,
  type SelfServiceActionView,
  phoneAnswerSchema,
  phoneStateSchema,
  portalActionListSchema,
  portalDeviceSoftwareSchema,
  selfServiceActionSchema,
} from '@porta/contracts/self-service';
import { useMutation, useQuery } from '@tanstack/react-query';
import { portalApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

const KEY = ['portal', 'self-service'] as const;
const id = (value: string) => encodeURIComponent(value);
const actionKey = (actionId: string) => [...KEY, 'action', actionId] as const;

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
  return useMutation({
    mutationFn: (input: { actionId: string; code: string }) => portalApi.post(`/api/v1/portal/actions/${id(input.actionId)}/confirm`, selfServiceActionSchema, { code: input.code }),
    // The progress view starts from the confirmed action; the live stream moves it on.
    onSuccess: (view) => queryClient.setQueryData(actionKey(view.id), view),
  });
}

/** Issue 13 item 5 (`confirm`, or `approval` once approved): the requester confirms; the SMS code is sent. */
export function useProceedAction() {
  return useMutation({
    mutationFn: (actionId: string) => portalApi.post(`/api/v1/portal/actions/${id(actionId)}/proceed`, selfServiceActionSchema),
    onSuccess: (view) => queryClient.setQueryData(actionKey(view.id), view),
  });
}

const APPROVALS_KEY = [...KEY, 'approvals'] as const;

/** Issue 13 item 5: requests of the company waiting for a primary contact (empty for other contacts). */
export function usePendingApprovals() {
  return useQuery({ queryKey: APPROVALS_KEY, queryFn: () => portalApi.get('/api/v1/portal/approvals', portalActionListSchema), retry: false });
}

export function refreshApprovals(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: APPROVALS_KEY });
}

export function useDecideApproval() {
  return useMutation({
    mutationFn: (input: { actionId: string; approve: boolean; reason: string }) =>
      portalApi.post(`/api/v1/portal/approvals/${id(input.actionId)}/${input.approve ? 'approve' : 'deny'}`, selfServiceActionSchema, input.reason.trim() ? { reason: input.reason.trim() } : {}),
    onSuccess: () => void refreshApprovals(),
  });
}

const FINAL_COMMAND = new Set(['succeeded', 'failed', 'refused', 'expired', 'cancelled']);

/** True once neither the request nor its command can change any more. */
export function isFinal(view: SelfServiceActionView): boolean {
  if (view.status === 'cancelled' || view.status === 'expired' || view.status === 'denied') return true;
  return view.command !== null && FINAL_COMMAND.has(view.command.status);
}

/** The contact's live stream of their (and, primary contacts, their company's) actions (SS-7). */
export const PORTAL_ACTION_EVENTS = '/api/v1/portal/actions/events';
/** Only while the live stream is down (or not yet up): a slow poll keeps the page moving. */
const FALLBACK_POLL_MS = 15_000;

/** The action's state; `live` (its stream is up) turns the fallback poll off. Stops moving once final. */
export function useActionProgress(actionId: string, live: boolean) {
  return useQuery({
    queryKey: actionKey(actionId),
    queryFn: () => portalApi.get(`/api/v1/portal/actions/${id(actionId)}`, selfServiceActionSchema),
    refetchInterval: (query) => (live || (query.state.data && isFinal(query.state.data)) ? false : FALLBACK_POLL_MS),
  });
}

/**
 * Reads the action again. A read already under way is cancelled first: it may have left the
 * server before the change this refresh is for (a first read would otherwise absorb the refresh).
 */
export async function refreshAction(actionId: string): Promise<void> {
  await queryClient.cancelQueries({ queryKey: actionKey(actionId) });
  await queryClient.invalidateQueries({ queryKey: actionKey(actionId) });
}
