import type { ActionPolicies } from '@porta/contracts/self-service';
import type { SelfServiceSettings } from '@porta/contracts/software';
import { useTranslation } from 'react-i18next';
import { useTechnician } from '../../console-auth/technician-context';
import { useUpdateSelfServiceSettings } from '../../software/api';
import { ActionPoliciesCard } from './ActionPoliciesCard';

/** Issue 13 item 5: the tenant's default mode per action (admins change it). */
export function TenantActionPolicies({ current }: { current: SelfServiceSettings }) {
  const { t } = useTranslation('devices');
  const user = useTechnician();
  const update = useUpdateSelfServiceSettings();
  return (
    <ActionPoliciesCard
      title={t('actionPolicies.title')}
      description={t('actionPolicies.text')}
      defaults={current.actionPolicies}
      values={current.actionPolicies}
      inherit={false}
      readOnly={!user.isAdmin}
      saving={update.isPending}
      error={update.error}
      onSave={(next) => update.mutateAsync({ actionPolicies: next as ActionPolicies })}
    />
  );
}
