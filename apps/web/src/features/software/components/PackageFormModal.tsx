import { Button, Group, Stack, TagsInput, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { type SoftwarePackage, softwarePackageBodySchema } from '@porta/contracts/software';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/ui/AppModal';
import { FormError } from '../../../components/ui/FormError';
import { blankToNull, showServerFieldErrors, zodValidator } from '../../../lib/forms';
import { i18next } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { useCreatePackage, useUpdatePackage } from '../api';

interface Values {
  name: string;
  aliases: string[];
  chocolateyId: string;
  wingetId: string;
  homebrewFormula: string;
  homebrewCask: string;
}

const FIELDS = ['name', 'aliases', 'chocolateyId', 'wingetId', 'homebrewFormula', 'homebrewCask'] as const;
const CODE_FIELDS = { SOFTWARE_PACKAGE_NAME_TAKEN: 'name' } as const;
const refFormat = () => i18next.t('devices:software.form.refFormat');

function toInput(values: Values) {
  return {
    name: values.name.trim(),
    aliases: values.aliases.map((a) => a.trim()).filter((a) => a !== ''),
    chocolateyId: blankToNull(values.chocolateyId),
    wingetId: blankToNull(values.wingetId),
    homebrewFormula: blankToNull(values.homebrewFormula),
    homebrewCask: blankToNull(values.homebrewCask),
  };
}

/** SS-5: adds a catalogue package or edits one (with the other names the assistant matches, issue 13 item 6); at least one package manager id is needed. */
export function PackageFormModal({ opened, pkg, onClose }: { opened: boolean; pkg: SoftwarePackage | null; onClose: () => void }) {
  const { t } = useTranslation(['devices', 'common']);
  const create = useCreatePackage();
  const update = useUpdatePackage();
  const mutation = pkg ? update : create;
  const form = useForm<Values>({
    initialValues: {
      name: pkg?.name ?? '',
      aliases: pkg?.aliases ?? [],
      chocolateyId: pkg?.chocolateyId ?? '',
      wingetId: pkg?.wingetId ?? '',
      homebrewFormula: pkg?.homebrewFormula ?? '',
      homebrewCask: pkg?.homebrewCask ?? '',
    },
    validate: (values) => {
      const errors = zodValidator(softwarePackageBodySchema, { chocolateyId: refFormat, wingetId: refFormat, homebrewFormula: refFormat, homebrewCask: refFormat })(toInput(values));
      if (![values.chocolateyId, values.wingetId, values.homebrewFormula, values.homebrewCask].some((v) => v.trim())) errors.chocolateyId = i18next.t('errors:SOFTWARE_PACKAGE_NO_MANAGER');
      return errors;
    },
  });
  const close = () => {
    create.reset();
    update.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    const input = toInput(values);
    try {
      if (pkg) await update.mutateAsync({ id: pkg.id, patch: input });
      else await create.mutateAsync(input);
      notifySuccess(t('software.form.saved', { name: input.name }));
      close();
    } catch (failure) {
      showServerFieldErrors(form, failure, FIELDS, CODE_FIELDS);
    }
  });
  return (
    <AppModal opened={opened} onClose={close} title={pkg ? t('software.form.editTitle') : t('software.form.addTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t('software.form.name')} required maxLength={120} data-autofocus {...form.getInputProps('name')} />
          <TagsInput
            label={t('software.form.aliases')}
            description={t('software.form.aliasesHint')}
            placeholder={t('software.form.aliasesPlaceholder')}
            splitChars={[',', ';']}
            acceptValueOnBlur
            clearable
            maxTags={20}
            {...form.getInputProps('aliases')}
          />
          <TextInput label={t('software.form.chocolateyId')} description={t('software.form.chocolateyHint')} ff="monospace" maxLength={200} {...form.getInputProps('chocolateyId')} />
          <TextInput label={t('software.form.wingetId')} description={t('software.form.wingetHint')} ff="monospace" maxLength={200} {...form.getInputProps('wingetId')} />
          <TextInput label={t('software.form.homebrewCask')} description={t('software.form.caskHint')} ff="monospace" maxLength={200} {...form.getInputProps('homebrewCask')} />
          <TextInput label={t('software.form.homebrewFormula')} ff="monospace" maxLength={200} {...form.getInputProps('homebrewFormula')} />
          <FormError error={mutation.error} shownOnFields={CODE_FIELDS} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {pkg ? t('common:actions.save') : t('software.form.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
