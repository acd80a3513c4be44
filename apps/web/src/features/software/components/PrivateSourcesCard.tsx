import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { selfServiceSettingsPatchSchema, type SelfServiceSettings } from '@porta/contracts/software';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { blankToNull, showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useUpdateSelfServiceSettings } from '../api';

interface Values {
  chocolateySource: string;
  homebrewTap: string;
}

const toPatch = (v: Values) => ({ chocolateySource: blankToNull(v.chocolateySource), homebrewTap: blankToNull(v.homebrewTap) });

/** SS-5: the tenant's optional private Chocolatey source and Homebrew tap. */
export function PrivateSourcesCard({ current }: { current: SelfServiceSettings }) {
  const { t } = useTranslation(['devices', 'common']);
  const update = useUpdateSelfServiceSettings();
  const form = useForm<Values>({
    initialValues: { chocolateySource: current.chocolateySource ?? '', homebrewTap: current.homebrewTap ?? '' },
    validate: (values) =>
      zodValidator(selfServiceSettingsPatchSchema, {
        chocolateySource: () => i18next.t('devices:software.sources.chocolateyFormat'),
        homebrewTap: () => i18next.t('devices:software.sources.tapFormat'),
      })(toPatch(values)),
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync(toPatch(values));
      form.resetDirty();
      notifySuccess(t('software.sources.saved'));
    } catch (failure) {
      showServerFieldErrors(form, failure, ['chocolateySource', 'homebrewTap']);
    }
  });
  return (
    <SectionCard title={t('software.sources.title')} description={t('software.sources.text')}>
      <form onSubmit={submit} noValidate>
        <Group align="flex-start" gap="md" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput
            label={t('software.sources.chocolatey')}
            description={t('software.sources.chocolateyHint')}
            placeholder="https://nuget.example.com/chocolatey/"
            maxLength={500}
            style={{ minWidth: '16rem' }}
            {...form.getInputProps('chocolateySource')}
          />
          <TextInput
            label={t('software.sources.tap')}
            description={t('software.sources.tapHint')}
            placeholder="acme/tools"
            maxLength={200}
            style={{ minWidth: '16rem' }}
            {...form.getInputProps('homebrewTap')}
          />
        </Group>
        <FormError error={update.error} />
        <Group mt="md">
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </form>
    </SectionCard>
  );
}
