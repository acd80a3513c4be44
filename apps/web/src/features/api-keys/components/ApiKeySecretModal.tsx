import { useTranslation } from 'react-i18next';
import { SecretOnceModal } from '../../../components/ui/SecretOnceModal';
import { useRetained } from '../../../lib/use-retained';

interface ApiKeySecretModalProps {
  created: { name: string; secret: string } | null;
  onClose: () => void;
}

/** The only time an API key's secret is ever shown. */
export function ApiKeySecretModal({ created: current, onClose }: ApiKeySecretModalProps) {
  const created = useRetained(current);
  const { t } = useTranslation(['console', 'common']);
  return (
    <SecretOnceModal
      opened={current !== null}
      onClose={onClose}
      title={t('apiKeys.secret.title', { name: created?.name ?? '' })}
      warning={t('apiKeys.secret.warning')}
      label={t('apiKeys.secret.label')}
      secret={created?.secret ?? ''}
      doneLabel={t('apiKeys.secret.done')}
      testId="api-key-secret"
    />
  );
}
