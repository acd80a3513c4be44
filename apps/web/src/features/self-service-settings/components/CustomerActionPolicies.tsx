import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { useTechnician } from '../../console-auth/technician-context';
import { useCustomerActionPolicies, useSaveCustomerActionPolicies } from '../api';
import { ActionPoliciesCard } from './ActionPoliciesCard';

/** Issue 13 item 5: the customer page's override of the tenant's action modes. */
export function CustomerActionPolicies({ customerId }: { customerId: string }) {
  const { t } = useTranslation('devices');
  const user = useTechnician();
  const policies = useCustomerActionPolicies(customerId);
  const save = useSaveCustomerActionPolicies(customerId);
  if (policies.isPending) return <LoadingState />;
  if (policies.isError) return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;
  return (
    <ActionPoliciesCard
      key={JSON.stringify(policies.data.overrides)}
      title={t('actionPolicies.customerTitle')}
      description={t('actionPolicies.customerText')}
      defaults={policies.data.tenantDefaults}
      values={policies.data.overrides}
      inherit
      readOnly={!user.isAdmin}
      saving={save.isPending}
      error={save.error}
      onSave={(next) => save.mutateAsync(next)}
    />
  );
}
