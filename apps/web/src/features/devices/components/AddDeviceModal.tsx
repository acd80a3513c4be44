import { Alert, Anchor, Button, List, Stack, Text } from '@mantine/core';
import type { EnrolmentTokenCreated } from '@porta/contracts/devices';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AppModal } from '../../../components/ui/AppModal';
import { CopyValue } from '../../../components/ui/CopyValue';
import { FormError } from '../../../components/ui/FormError';
import { formatDateTime, formatFileSize } from '../../../lib/format';
import { CustomerSelect } from '../../customers/components/CustomerSelect';
import { useAgentDownloads, useCreateEnrolmentToken, useDevices } from '../api';

/** The one-line install: download this server's Linux/macOS build and enrol it as a service. */
function installCommand(origin: string, file: string, token: string): string {
  return `curl -fsSLo porta-agent ${origin}/api/v1/agent/downloads/${file} && chmod +x porta-agent && sudo ./porta-agent install --server ${origin} --token ${token}`;
}

function windowsCommand(origin: string, file: string, token: string): string {
  return `Invoke-WebRequest ${origin}/api/v1/agent/downloads/${file} -OutFile porta-agent.exe; .\\porta-agent.exe install --server ${origin} --token ${token}`;
}

/**
 * SS-2: "Add device" for a customer: the agent builds this server offers, the install command
 * with a fresh enrolment token, and the device as soon as it connects (the list is polled).
 */
export function AddDeviceModal({ opened, onClose, initialCustomerId }: { opened: boolean; onClose: () => void; initialCustomerId?: string }) {
  const { t } = useTranslation(['devices', 'common']);
  const [customerId, setCustomerId] = useState<string | null>(initialCustomerId ?? null);
  const [token, setToken] = useState<EnrolmentTokenCreated | null>(null);
  const [since, setSince] = useState('');
  const create = useCreateEnrolmentToken();
  const downloads = useAgentDownloads(opened);
  const waiting = opened && token !== null && customerId !== null;
  const devices = useDevices({ customerId: customerId ?? undefined, page: 1, pageSize: 5 }, waiting ? 3_000 : undefined);
  const connected = token ? (devices.data?.items ?? []).filter((d) => d.createdAt >= since) : [];
  const origin = window.location.origin;
  const files = downloads.data?.files ?? [];
  const unix = files.find((f) => f.platform.startsWith('linux')) ?? files.find((f) => f.platform.startsWith('macos'));
  const win = files.find((f) => f.platform.startsWith('win'));

  const close = () => {
    setToken(null);
    create.reset();
    onClose();
  };

  return (
    <AppModal opened={opened} onClose={close} title={t('add.title')} size="lg">
      <Stack gap="md">
        <CustomerSelect label={t('add.customer')} value={customerId} onChange={(id) => { setCustomerId(id); setToken(null); }} required />
        <FormError error={create.error} />
        {!token && (
          <Button
            disabled={!customerId}
            loading={create.isPending}
            onClick={() => customerId && create.mutate(customerId, { onSuccess: (made) => { setSince(new Date(Date.now() - 60_000).toISOString()); setToken(made); } })}
          >
            {t('add.createToken')}
          </Button>
        )}
        {downloads.data && !downloads.data.built && (
          <Alert color="yellow" icon={<IconInfoCircle size={18} aria-hidden />} title={t('add.notBuiltTitle')}>
            {t('add.notBuiltText')}
          </Alert>
        )}
        {files.length > 0 && (
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('add.downloads')}</Text>
            <List size="sm">
              {files.map((f) => (
                <List.Item key={f.file}>
                  <Anchor href={`/api/v1/agent/downloads/${f.file}`} download>
                    {t('add.platform', { platform: f.platform })}
                  </Anchor>{' '}
                  <Text span size="xs" c="dimmed">({formatFileSize(f.sizeBytes)})</Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        {token && (
          <Stack gap="sm">
            <CopyValue label={t('add.token', { date: formatDateTime(token.expiresAt) })} value={token.token} wrap testId="enrolment-token" />
            {unix && <CopyValue label={t('add.commandUnix')} value={installCommand(origin, unix.file, token.token)} wrap testId="install-command" />}
            {win && <CopyValue label={t('add.commandWindows')} value={windowsCommand(origin, win.file, token.token)} wrap />}
            {!unix && !win && <CopyValue label={t('add.commandSource')} value={`npm run agent -- install --server ${origin} --token ${token.token}`} wrap testId="install-command" />}
            <div aria-live="polite">
              {connected.length === 0 ? (
                <Text size="sm" c="dimmed">{t('add.waiting')}</Text>
              ) : (
                connected.map((d) => (
                  <Alert key={d.id} color="green" icon={<IconCircleCheck size={18} aria-hidden />} title={t('add.connected')}>
                    <Anchor component={Link} to={`/console/devices/${d.id}`} onClick={close}>
                      {d.hostname}
                    </Anchor>
                  </Alert>
                ))
              )}
            </div>
          </Stack>
        )}
        <Button variant="default" onClick={close}>{t('common:actions.close')}</Button>
      </Stack>
    </AppModal>
  );
}
