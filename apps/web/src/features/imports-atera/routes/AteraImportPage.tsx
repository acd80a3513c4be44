import { Alert, Badge, Button, Group, Progress, Stack, Table, Text, TextInput } from '@mantine/core';
import { ATERA_DEFAULT_BASE_URL, ATERA_RESOURCES, type AteraImportJob, type AteraJobStatus } from '@porta/contracts/imports-atera';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryFallback } from '../../../components/ui/QueryFallback';
import { FormError } from '../../../components/ui/FormError';
import { PageHeader } from '../../../components/ui/PageHeader';
import { PasswordField } from '../../../components/ui/PasswordField';
import { SectionCard } from '../../../components/ui/SectionCard';
import { useAteraImport, useCancelAteraImport, useResumeAteraImport, useStartAteraImport } from '../api';

const STATUS_COLOR: Record<AteraJobStatus, string> = { running: 'blue', failed: 'red', cancelled: 'gray', done: 'green' };

/** Issue 15 item 5: Admin > Import from Atera: the API key, the start, progress per resource, the error and Resume. */
export function AteraImportPage() {
  const { t } = useTranslation('console');
  const status = useAteraImport();
  const job = status.data?.job ?? null;
  const open = job?.status === 'running' || job?.status === 'failed';
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('ateraImport.title')} description={t('ateraImport.description')} />
      {/* A failed poll keeps the last answer on screen; the next poll tries again. */}
      {status.data === undefined ? (
        <QueryFallback query={status} />
      ) : (
        <>
          {job && <JobCard job={job} />}
          {!open && <StartCard />}
        </>
      )}
    </Stack>
  );
}

function StartCard() {
  const { t } = useTranslation('console');
  const start = useStartAteraImport();
  const [apiKey, setApiKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apiKey.trim() === '') return;
    start.mutate({ apiKey: apiKey.trim(), ...(baseUrl.trim() && { baseUrl: baseUrl.trim() }) }, { onSuccess: () => setApiKey('') });
  };
  return (
    <SectionCard title={t('ateraImport.start.title')} description={t('ateraImport.start.description')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={560}>
          <PasswordField label={t('ateraImport.start.apiKey')} description={t('ateraImport.start.apiKeyHint')} value={apiKey} onChange={(e) => setApiKey(e.currentTarget.value)} autoComplete="off" required />
          <TextInput
            label={t('ateraImport.start.baseUrl')}
            description={t('ateraImport.start.baseUrlHint')}
            placeholder={ATERA_DEFAULT_BASE_URL}
            value={baseUrl}
            onChange={(e) => setBaseUrl(e.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <FormError error={start.error} />
          <Group>
            <Button type="submit" loading={start.isPending} disabled={apiKey.trim() === ''}>
              {t('ateraImport.start.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}

function JobCard({ job }: { job: AteraImportJob }) {
  const { t } = useTranslation('console');
  const resume = useResumeAteraImport();
  const cancel = useCancelAteraImport();
  const [newKey, setNewKey] = useState('');
  const open = job.status === 'running' || job.status === 'failed';
  return (
    <SectionCard
      title={t('ateraImport.job.title')}
      description={job.phase === 'finished' ? t('ateraImport.job.finished') : t('ateraImport.job.reading', { resource: t(`ateraImport.resources.${job.phase}`), page: job.page })}
      aside={
        <Badge color={STATUS_COLOR[job.status]} variant="light" data-testid="atera-import-status">
          {t(`ateraImport.status.${job.status}`)}
        </Badge>
      }
    >
      <Table.ScrollContainer minWidth={520}>
        <Table data-testid="atera-import-counts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('ateraImport.job.resource')}</Table.Th>
              <Table.Th>{t('ateraImport.job.imported')}</Table.Th>
              <Table.Th>{t('ateraImport.job.matched')}</Table.Th>
              <Table.Th>{t('ateraImport.job.skipped')}</Table.Th>
              <Table.Th>{t('ateraImport.job.progress')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ATERA_RESOURCES.map((resource) => {
              const c = job.counts[resource];
              const seen = c.imported + c.matched + c.skipped;
              return (
                <Table.Tr key={resource} data-testid={`atera-import-${resource}`}>
                  <Table.Td>{t(`ateraImport.resources.${resource}`)}</Table.Td>
                  <Table.Td>{c.imported}</Table.Td>
                  <Table.Td>{c.matched}</Table.Td>
                  <Table.Td>{c.skipped}</Table.Td>
                  <Table.Td miw={140}>
                    {c.total === null ? (
                      <Text size="sm">{seen}</Text>
                    ) : (
                      <Stack gap={2}>
                        <Text size="sm">{t('ateraImport.job.ofTotal', { seen, total: c.total })}</Text>
                        <Progress value={c.total === 0 ? 100 : Math.min(100, (seen / c.total) * 100)} size="sm" aria-label={t(`ateraImport.resources.${resource}`)} />
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {job.lastError && (
        <Alert role="alert" color={job.status === 'failed' ? 'red' : 'yellow'} variant="light" icon={<IconAlertCircle size={18} aria-hidden />} data-testid="atera-import-error">
          <Text size="sm">{job.lastError.message}</Text>
          <Text size="xs" c="dimmed">
            {job.lastError.detail}
          </Text>
        </Alert>
      )}
      {open && (
        <Stack gap="sm" maw={560}>
          {job.status === 'failed' && (
            <PasswordField label={t('ateraImport.job.newKey')} description={t('ateraImport.job.newKeyHint')} value={newKey} onChange={(e) => setNewKey(e.currentTarget.value)} autoComplete="off" />
          )}
          <FormError error={resume.error ?? cancel.error} />
          <Group>
            {job.status === 'failed' && (
              <Button loading={resume.isPending} onClick={() => resume.mutate(newKey.trim() ? { apiKey: newKey.trim() } : {}, { onSuccess: () => setNewKey('') })}>
                {t('ateraImport.job.resume')}
              </Button>
            )}
            <Button variant="default" color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('ateraImport.job.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </SectionCard>
  );
}
