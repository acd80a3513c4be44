import { useTranslation } from 'react-i18next';
import { SecretOnceModal } from '../../../components/ui/SecretOnceModal';
import { useRetained } from '../../../lib/use-retained';

/** The only time an endpoint's signing secret is ever shown. */
export function WebhookSecretModal({ created: current, onClose }: { created: { url: string; secret: string } | null; onClose: () => void }) {
  const created = useRetained(current);
  const { t } = useTranslation(['console', 'common']);
  return (
    <SecretOnceModal
      opened={current !== null}
      onClose={onClose}
      title={t('webhooks.secret.title')}
      warning={t('webhooks.secret.warning', { url: created?.url ?? '' })}
      label={t('webhooks.secret.label')}
      secret={created?.secret ?? ''}
      doneLabel={t('webhooks.secret.done')}
      testId="webhook-secret"
    />
  );
}
