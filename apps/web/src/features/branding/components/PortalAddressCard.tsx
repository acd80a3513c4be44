import { useTranslation } from 'react-i18next';
import { CopyValue } from '../../../components/ui/CopyValue';
import { SectionCard } from '../../../components/ui/SectionCard';

/** D-1: the tenant's generated portal address (the console is at `/console` on it), with a copy button. */
export function PortalAddressCard({ address }: { address: string }) {
  const { t } = useTranslation('console');
  return (
    <SectionCard title={t('branding.addressTitle')} description={t('branding.addressText', { console: `${address}/console` })}>
      <CopyValue label={t('branding.addressLabel')} value={`${address}/`} testId="portal-address" />
    </SectionCard>
  );
}
