import { Button, Group, Select, Stack, Text } from '@mantine/core';
import type { SelfServiceAction } from '@porta/contracts/self-service';
import type { PortalDevice } from '@porta/contracts/devices';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { isApiError } from '../../../lib/api-error';
import { useConfirmAction, useDeviceSoftware, usePhoneState, useRequestAction } from '../api';
import { ActionProgress } from './ActionProgress';
import { CodeField } from './CodeField';
import { PendingRequest } from './PendingRequest';
import { PhoneEnrolment } from './PhoneEnrolment';

type Step = { kind: 'confirm' } | { kind: 'phone' } | { kind: 'pending'; actionId: string } | { kind: 'code'; actionId: string } | { kind: 'progress'; actionId: string };

interface ActionFlowModalProps {
  device: PortalDevice;
  action: SelfServiceAction;
  onClose: () => void;
}

/**
 * Issue 12 item 9: confirm the action → (enrol a phone if none is verified) → the SMS code →
 * the live progress. One dialog, one step at a time.
 */
export function ActionFlowModal({ device, action, onClose }: ActionFlowModalProps) {
  const { t } = useTranslation('devices');
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const [packageId, setPackageId] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const phone = usePhoneState();
  const software = useDeviceSoftware(device.id, action === 'install-software');
  const request = useRequestAction(device.id);
  const confirm = useConfirmAction();
  const packageName = software.data?.items.find((p) => p.id === packageId)?.name;

  const sendRequest = () =>
    request.mutate(
      { action, ...(action === 'install-software' && packageId ? { packageId } : {}) },
      {
        // Issue 13 item 5: `confirm` / `approval` modes wait before the code is sent.
        onSuccess: (created) => setStep({ kind: created.status === 'awaiting-code' ? 'code' : 'pending', actionId: created.id }),
        onError: (error) => {
          if (isApiError(error, 'PHONE_NOT_VERIFIED')) {
            request.reset();
            setStep({ kind: 'phone' });
          }
        },
      },
    );

  const submitConfirm = (e: FormEvent) => {
    e.preventDefault();
    if (phone.data && !phone.data.verified) setStep({ kind: 'phone' });
    else sendRequest();
  };

  const submitCode = (e: FormEvent, actionId: string) => {
    e.preventDefault();
    confirm.mutate({ actionId, code }, { onSuccess: () => setStep({ kind: 'progress', actionId }) });
  };

  const title = t('selfService.dialogTitle', { action: t(`actions.${action}`), device: device.hostname });

  return (
    <AppModal opened onClose={onClose} title={title}>
      {step.kind === 'confirm' ? (
        <form onSubmit={submitConfirm} noValidate>
          <Stack>
            <Text size="sm">{t(`selfService.explain.${action}`, { device: device.hostname })}</Text>
            {action === 'install-software' ? (
              <Select
                label={t('selfService.packageLabel')}
                placeholder={t('selfService.packagePlaceholder')}
                data={(software.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={packageId}
                onChange={setPackageId}
                searchable
                required
                nothingFoundMessage={t('selfService.noPackages')}
                error={software.isError ? t('selfService.softwareFailed') : undefined}
              />
            ) : null}
            <FormError error={request.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('selfService.cancel')}
              </Button>
              <Button type="submit" loading={request.isPending || phone.isPending} disabled={action === 'install-software' && !packageId}>
                {t('selfService.continue')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : step.kind === 'phone' ? (
        <PhoneEnrolment onVerified={sendRequest} />
      ) : step.kind === 'pending' ? (
        <Stack>
          <PendingRequest actionId={step.actionId} deviceName={device.hostname} onCodeSent={() => setStep({ kind: 'code', actionId: step.actionId })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('selfService.close')}
            </Button>
          </Group>
        </Stack>
      ) : step.kind === 'code' ? (
        <form onSubmit={(e) => submitCode(e, step.actionId)} noValidate>
          <Stack>
            <Text size="sm" role="status">
              {packageName ? t('selfService.actionCodeSentPackage', { name: packageName }) : t('selfService.actionCodeSent')}
            </Text>
            <CodeField value={code} onChange={setCode} />
            <FormError error={confirm.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={confirm.isPending} disabled={code.length !== 6}>
                {t('selfService.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Stack>
          <ActionProgress actionId={step.actionId} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('selfService.close')}
            </Button>
          </Group>
        </Stack>
      )}
    </AppModal>
  );
}
