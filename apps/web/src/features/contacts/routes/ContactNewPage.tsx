import { Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { PageHeader } from '../../../components/ui/PageHeader';
import { notifySuccess } from '../../../lib/notify';
import { useCurrentLanguage } from '../../../lib/use-language';
import { useContactDefaults, useCreateContact } from '../api';
import { ErrorState } from '../../../components/ui/ErrorState';
import { LoadingState } from '../../../components/ui/LoadingState';
import { ContactForm } from '../components/ContactForm';
import { emptyContactValues, valuesToCreateInput } from '../contact-form-values';

export function ContactNewPage() {
  const { t } = useTranslation(['console', 'common']);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const language = useCurrentLanguage();
  const create = useCreateContact();
  const defaults = useContactDefaults();
  const customerId = params.get('customerId');
  const backTo = customerId ? `/console/customers/${customerId}` : '/console/contacts';

  return (
    <>
      <PageHeader
        above={<BackLink to={backTo} label={customerId ? t('contacts.new.backToCustomer') : t('contacts.detail.back')} />}
        title={t('contacts.new.title')}
        description={t('contacts.new.description')}
      />
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} maw={760}>
        {defaults.isPending ? (
          <LoadingState />
        ) : defaults.isError ? (
          <ErrorState error={defaults.error} onRetry={() => void defaults.refetch()} />
        ) : (
          <ContactForm
            mode="create"
            initialValues={emptyContactValues(customerId, language, defaults.data.sendWelcomeEmail)}
            submitLabel={t('contacts.form.create')}
            pending={create.isPending}
            error={create.error}
            onCancel={() => void navigate(backTo)}
            onSubmit={async (values) => {
              const created = await create.mutateAsync(valuesToCreateInput(values));
              notifySuccess(t('contacts.form.created', { name: `${created.contact.firstName} ${created.contact.lastName}` }));
              void navigate(`/console/contacts/${created.contact.id}`, { replace: true });
            }}
          />
        )}
      </Paper>
    </>
  );
}
