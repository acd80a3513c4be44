import { Badge, Button, Group, Loader, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import type { AssistantCard } from '@porta/contracts/assistant';
import { IconDeviceDesktop } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../../components/ui/ErrorState';
import { FormError } from '../../../../components/ui/FormError';
import { isApiError } from '../../../../lib/api-error';
import { useActionProgress, useConfirmAction, useRequestAction } from '../../../portal-self-service/api';
import { ActionProgress } from '../../../portal-self-service/components/ActionProgress';
import { CodeField } from '../../../portal-self-service/components/CodeField';
import { PENDING_STATES, PendingRequest } from '../../../portal-self-service/components/PendingRequest';
import { PhoneEnrolment } from '../../../portal-self-service/components/PhoneEnrolment';

type ActionCardData = Extract<AssistantCard, { kind: 'action' }>;

/**
 * AI-1, AI-6: an action the assistant proposed, done the self-service way (the same API, the
 * same SMS code, the same live progress as the "My devices" page). Once a request exists (the
 * card's requestId, or one "Send code" made), its own state decides what shows: the code
 * entry, the live progress, or how it ended, so a conversation opened again shows the truth.
 */
export function ActionCard({ card }: { card: ActionCardData }) {
  const { t } = useTranslation(['chat', 'devices']);
  const [requestId, setRequestId] = useState(card.requestId);
  const [enrolPhone, setEnrolPhone] = useState(false);
  const request = useRequestAction(card.deviceId);
  const title = card.packageName ? t('chat:action.titlePackage', { action: t(`devices:actions.${card.action}`), name: card.packageName }) : t(`devices:actions.${card.action}`);

  const sendCode = () =>
    request.mutate(
      { action: card.action, ...(card.packageId && { packageId: card.packageId }) },
      {
        onSuccess: (created) => {
          setEnrolPhone(false);
          setRequestId(created.id);
        },
        onError: (error) => {
          // SS-6: no verified phone yet: enrol one, then the request goes on.
          if (isApiError(error, 'PHONE_NOT_VERIFIED')) {
            request.reset();
            setEnrolPhone(true);
          }
        },
      },
    );

  let body;
  if (requestId) body = <RequestStep requestId={requestId} packageName={card.packageName} deviceName={card.deviceName} />;
  else if (enrolPhone) body = <PhoneEnrolment onVerified={sendCode} />;
  else if (card.state === 'proposed') {
    body = (
      <Stack gap="xs">
        <Text size="sm">{t(`devices:selfService.explain.${card.action}`, { device: card.deviceName })}</Text>
        <FormError error={request.error} />
        <Group>
          <Button size="sm" onClick={sendCode} loading={request.isPending}>
            {t('chat:action.sendCode')}
          </Button>
        </Group>
      </Stack>
    );
  } else body = <Ended state={card.state} />;

  return (
    <Paper withBorder radius="md" p="sm" data-testid="action-card">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon variant="light" radius="md" size="lg" aria-hidden>
            <IconDeviceDesktop size={20} />
          </ThemeIcon>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" component="h3" m={0}>
              {title}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {t('chat:action.device', { device: card.deviceName })}
            </Text>
          </Stack>
        </Group>
        {body}
      </Stack>
    </Paper>
  );
}

/** A request exists: the code entry while it waits for one, then the live progress. */
function RequestStep({ requestId, packageName, deviceName }: { requestId: string; packageName: string | null; deviceName: string }) {
  const { t } = useTranslation(['chat', 'devices']);
  const [code, setCode] = useState('');
  // Read once, not polled: the code entry needs no live state, the progress view keeps its own.
  const view = useActionProgress(requestId, true);
  const confirm = useConfirmAction();
  if (view.isPending) return <Loader size="sm" role="status" aria-label={t('chat:action.loading')} />;
  if (view.isError) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
  const status = view.data.status;
  if (status === 'confirmed') return <ActionProgress actionId={requestId} showAction={false} />;
  // Issue 13 item 5: confirmation, approval, denial; once the code is sent the view above moves on.
  if (PENDING_STATES.has(status)) return <PendingRequest actionId={requestId} deviceName={deviceName} onCodeSent={() => undefined} />;
  if (status !== 'awaiting-code') return <Ended state={status} />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The confirmed view replaces the cached one (portal-self-service/api.ts): the progress shows.
    confirm.mutate({ actionId: requestId, code });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Text size="sm" role="status">
          {packageName ? t('devices:selfService.actionCodeSentPackage', { name: packageName }) : t('devices:selfService.actionCodeSent')}
        </Text>
        <CodeField value={code} onChange={setCode} />
        <FormError error={confirm.error} />
        <Group>
          <Button type="submit" size="sm" loading={confirm.isPending} disabled={code.length !== 6}>
            {t('devices:selfService.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const ENDED_COLOURS: Record<string, string> = { 'awaiting-approval': 'blue', 'awaiting-confirmation': 'blue', refused: 'red', denied: 'red' };

function Ended({ state }: { state: Exclude<ActionCardData['state'], 'proposed'> }) {
  const { t } = useTranslation('chat');
  return (
    <Group gap="xs">
      <Badge variant="light" color={ENDED_COLOURS[state] ?? 'gray'} c="var(--mantine-color-text)" tt="none">
        {t(`action.state.${state}`)}
      </Badge>
      <Text size="sm" c="dimmed">
        {t(`action.stateText.${state}`)}
      </Text>
    </Group>
  );
}
