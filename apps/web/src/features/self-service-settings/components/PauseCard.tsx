import { Switch } from '@mantine/core';
import type { SelfServiceSettings } from '@porta/contracts/software';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateSelfServiceSettings } from '../../software/api';

/** SS-7: pauses new self-service actions for every contact of the tenant. */
export function PauseCard({ current }: { current: SelfServiceSettings }) {
  const { t } = useTranslation('devices');
  const update = useUpdateSelfServiceSettings();
  return (
    <SectionCard title={t('killSwitch.pauseTitle')} description={t('killSwitch.pauseText')}>
      <Switch
        label={t('killSwitch.pauseLabel')}
        checked={current.paused}
        disabled={update.isPending}
        onChange={(e) => {
          const paused = e.currentTarget.checked;
          update.mutate({ paused }, { onSuccess: () => notifySuccess(paused ? t('killSwitch.paused') : t('killSwitch.resumed')) });
        }}
      />
      <FormError error={update.error} />
    </SectionCard>
  );
}
