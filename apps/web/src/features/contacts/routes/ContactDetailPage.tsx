import { Anchor, Badge, Button, Grid, Group, Stack, Text } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { DetailError } from '../../../components/ui/DetailError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { formatDate } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useContact, useUpdateContact } from '../api';
import { ContactForm } from '../components/ContactForm';
import { CredentialsCard } from '../components/CredentialsCard';
import { DeleteContactCard } from '../components/DeleteContactCard';
import { SelfServicePhoneCard } from '../components/SelfServicePhoneCard';
import { ContactMailCard } from '../../mail/components/ContactMailCard';
import { contactToValues, valuesToFields } from '../contact-form-values';

export function ContactDetailPage() {
  const { t } = useTranslation(['console', 'common']);
  const { id = '' } = useParams();
  const detail = useContact(id);
  const update = useUpdateContact(id);
  const back = <BackLink to="/console/contacts" label={t('contacts.detail.back')} />;

  if (detail.isPending) return <LoadingState />;
  if (detail.isError) {
    return <DetailError error={detail.error} back={{ to: '/console/contacts', label: t('contacts.detail.back') }} title={t('contacts.detail.errorTitle')} onRetry={() => void detail.refetch()} />;
  }

  const { contact, credentials } = detail.data;
  const name = `${contact.firstName} ${contact.lastName}`;

  return (
    <>
      <PageHeader
        above={back}
        documentTitle={name}
        title={
          <Group gap="sm" component="span">
            {name}
            {contact.isPrimary && (
              <Badge variant="light" color="grape">
                {t('contacts.primaryBadge')}
              </Badge>
            )}
          </Group>
        }
        actions={
          <Button component={Link} to={`/console/tickets/new?contactId=${contact.id}`} variant="light" leftSection={<IconTicket size={16} aria-hidden />}>
            {t('contacts.detail.newTicket')}
          </Button>
        }
        description={
          <Text component="span" size="sm" c="dimmed">
            <Anchor component={Link} to={`/console/customers/${contact.customerId}`} size="sm" underline="always">
              {contact.customerName}
            </Anchor>
            {' · '}
            {t('contacts.detail.created', { date: formatDate(contact.createdAt) })}
          </Text>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SectionCard title={t('contacts.detail.detailsTitle')}>
            <ContactForm
              key={contact.updatedAt}
              mode="edit"
              initialValues={contactToValues(contact)}
              submitLabel={t('common:actions.save')}
              pending={update.isPending}
              error={update.error}
              onSubmit={async (values) => {
                await update.mutateAsync(valuesToFields(values));
                notifySuccess(t('contacts.form.updated', { name: `${values.firstName} ${values.lastName}` }));
              }}
            />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <CredentialsCard contact={contact} credentials={credentials} />
            <ContactMailCard contact={contact} />
            <SelfServicePhoneCard contact={contact} />
            <DeleteContactCard contact={contact} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
