import { Alert, Stack } from '@mantine/core';
import { IconShieldExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../../../components/forms/ChangePasswordForm';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useTechnician } from '../../console-auth/technician-context';
import { useChangeTechnicianPassword } from '../api';
import { ProfileForm } from '../components/ProfileForm';
import { TotpSection } from '../components/TotpSection';

export function AccountPage() {
  const { t } = useTranslation(['console', 'common']);
  const user = useTechnician();
  const changePassword = useChangeTechnicianPassword();

  return (
    <Stack gap="lg" maw={760}>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      {user.totpEnrolmentRequired && (
        <Alert color="orange" variant="light" icon={<IconShieldExclamation size={20} aria-hidden />} title={t('account.enrolmentRequiredTitle')}>
          {t('account.enrolmentRequiredText')}
        </Alert>
      )}
      <TotpSection />
      {!user.totpEnrolmentRequired && (
        <>
          <SectionCard title={t('account.profileTitle')} description={t('account.profileDescription')}>
            <ProfileForm />
          </SectionCard>
          <SectionCard title={t('account.passwordTitle')} description={t('account.passwordDescription')}>
            <ChangePasswordForm mutation={changePassword} people={{ name: user.name, email: user.email, tenantName: user.tenant.name }} />
          </SectionCard>
        </>
      )}
    </Stack>
  );
}
