import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '../../../components/forms/ChangePasswordForm';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useChangePortalPassword } from '../api';
import { LanguageSetting } from '../components/LanguageSetting';
import { PhoneSetting } from '../components/PhoneSetting';
import { PortalMailPrefsCard } from '../../mail/components/PortalMailPrefsCard';
import { useContact } from '../../portal-auth/contact-context';

export function PortalSettingsPage() {
  const { t } = useTranslation(['portal', 'common']);
  const changePassword = useChangePortalPassword();
  const me = useContact();
  return (
    <Stack gap="lg" maw={760}>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <SectionCard title={t('settings.languageTitle')} description={t('settings.languageDescription')}>
        <LanguageSetting />
      </SectionCard>
      <SectionCard title={t('settings.phoneTitle')} description={t('settings.phoneDescription')}>
        <PhoneSetting />
      </SectionCard>
      <PortalMailPrefsCard />
      <SectionCard title={t('settings.passwordTitle')} description={t('settings.passwordDescription')}>
        <ChangePasswordForm
          mutation={changePassword}
          people={{ firstName: me.firstName, lastName: me.lastName, email: me.email, username: me.username, tenantName: me.tenant.name }}
        />
      </SectionCard>
    </Stack>
  );
}
