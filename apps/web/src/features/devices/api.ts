import { agentDownloadsSchema, deviceDetailSchema, devicePageSchema, type DeviceDetail, enrolmentTokenCreatedSchema } from '@porta/contracts/devices';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { consoleApi } from '../../lib/api-clients';
import { queryClient } from '../../lib/query-client';

export interface DeviceListParams {
  q?: string;
  customerId?: string;
  page: number;
  pageSize: number;
}

const KEY = ['console', 'devices'] as const;

/** Devices (issue 12). `pollMs` keeps the list fresh while the "Add device" dialog waits for a new agent. */
export function useDevices(params: DeviceListParams, pollMs?: number) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: () => consoleApi.get('/api/v1/devices', devicePageSchema, { ...params }),
    placeholderData: keepPreviousData,
    ...(pollMs ? { refetchInterval: pollMs } : {}),
  });
}

/** The console's live stream of the tenant's command transitions (SS-7). */
export const DEVICE_EVENTS = '/api/v1/devices/events';
/** Only while the live stream is down (or not yet up): a slow poll keeps the history moving. */
const FALLBACK_POLL_MS = 30_000;

const detailKey = (id: string) => [...KEY, 'detail', id] as const;

/** A device and its command history; `live` (the event stream is up) turns the fallback poll off. */
export function useDevice(id: string, live = false) {
  return useQuery({
    queryKey: detailKey(id),
    queryFn: () => consoleApi.get(`/api/v1/devices/${encodeURIComponent(id)}`, deviceDetailSchema),
    enabled: id !== '',
    refetchInterval: live ? false : FALLBACK_POLL_MS,
  });
}

/** Reads the device again; a read already under way (possibly older than the change) is cancelled first. */
export async function refreshDevice(id: string): Promise<void> {
  await queryClient.cancelQueries({ queryKey: detailKey(id) });
  await queryClient.invalidateQueries({ queryKey: detailKey(id) });
}

function stored(device: DeviceDetail) {
  queryClient.setQueryData([...KEY, 'detail', device.id], device);
  return queryClient.invalidateQueries({ queryKey: [...KEY, 'list'] });
}

export function useAssignContacts(id: string) {
  return useMutation({
    mutationFn: (contactIds: string[]) => consoleApi.patch(`/api/v1/devices/${encodeURIComponent(id)}`, deviceDetailSchema, { contactIds }),
    onSuccess: stored,
  });
}

export function useRevokeDevice(id: string) {
  return useMutation({
    mutationFn: () => consoleApi.post(`/api/v1/devices/${encodeURIComponent(id)}/revoke`, deviceDetailSchema),
    onSuccess: stored,
  });
}

export function useCreateEnrolmentToken() {
  return useMutation({ mutationFn: (customerId: string) => consoleApi.post('/api/v1/enrolment-tokens', enrolmentTokenCreatedSchema, { customerId }) });
}

export function useAgentDownloads(enabled: boolean) {
  return useQuery({ queryKey: [...KEY, 'downloads'], queryFn: () => consoleApi.get('/api/v1/agent/downloads', agentDownloadsSchema), enabled });
}
