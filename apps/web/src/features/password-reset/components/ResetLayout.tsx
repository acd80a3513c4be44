import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AuthLayout } from '../../../components/ui/AuthLayout';
import { PRODUCT_NAME } from '../../../lib/brand';
import { choosePreferredLanguage } from '../../../lib/i18n';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useTenantInfo } from '../../tenant/api';

/** The sign-in frame (tenant brand, language picker) with a way back to sign-in, for both reset pages. */
export function ResetLayout({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  const { t } = useTranslation('mail');
  const language = useCurrentLanguage();
  const tenant = useTenantInfo();
  return (
    <AuthLayout
      brand={tenant.data?.name ?? PRODUCT_NAME}
      title={title}
      {...(subtitle && { subtitle })}
      language={language}
      onLanguageChange={choosePreferredLanguage}
      footer={
        <Anchor component={Link} to="/login" size="sm">
          {t('ui.forgot.back')}
        </Anchor>
      }
    >
      {children}
    </AuthLayout>
  );
}
