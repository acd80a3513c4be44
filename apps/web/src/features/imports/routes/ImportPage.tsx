import { Alert, Button, Checkbox, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { IMPORT_REQUIRED_FIELDS, type ImportKind, type ImportMapping, type ImportPreview, type ImportReport, importKindSchema } from '@porta/contracts/imports';
import { IconCircleCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { FormError } from '../../../components/ui/FormError';
import { NotFoundState } from '../../../components/ui/NotFoundState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { SectionCard } from '../../../components/ui/SectionCard';
import { queryClient } from '../../../lib/query-client';
import { type ImportOptions, runImport, useDryRun, usePreviewImport } from '../api';
import { type ChosenFile, FileDrop } from '../components/FileDrop';
import { MappingTable } from '../components/MappingTable';
import { PreviewTable } from '../components/PreviewTable';
import { ReportView } from '../components/ReportView';

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

type Run = { state: 'idle' } | { state: 'running'; done: number; total: number } | { state: 'done'; report: ImportReport } | { state: 'failed'; error: unknown };

/** Issue 15 item 5: CSV import of customers or contacts: file, columns, preview, options, dry run, import with progress. */
export function ImportPage() {
  const parsed = importKindSchema.safeParse(useParams().kind);
  if (!parsed.success) return <NotFoundState />;
  return <ImportFlow key={parsed.data} kind={parsed.data} />;
}

function ImportFlow({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('console');
  const [file, setFile] = useState<(ChosenFile & { preview: ImportPreview }) | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [duplicates, setDuplicates] = useState<'update' | 'skip'>('skip');
  const [sendWelcomeEmail, setSendWelcome] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const preview = usePreviewImport();
  const dryRun = useDryRun();
  const list = `/console/${kind}`;

  const choose = (chosen: ChosenFile) => {
    setFileError(null);
    setReport(null);
    setRun({ state: 'idle' });
    preview.mutate(
      { kind, content: chosen.content },
      {
        onSuccess: (p) => {
          setFile({ ...chosen, preview: p });
          setMapping(p.mapping);
        },
      },
    );
  };
  // Any change of mapping or options asks for a new dry run before the import.
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setReport(null);
    setRun({ state: 'idle' });
  };
  const options = (): ImportOptions | null => (file ? { kind, content: file.content, mapping, duplicates, sendWelcomeEmail: kind === 'contacts' && sendWelcomeEmail } : null);
  const mappedRequired = IMPORT_REQUIRED_FIELDS[kind].every((f) => mapping[f] !== undefined);

  const check = () => {
    const input = options();
    if (input) dryRun.mutate(input, { onSuccess: setReport });
  };
  const start = async () => {
    const input = options();
    if (!input) return;
    setRun({ state: 'running', done: 0, total: report ? report.counts.create + report.counts.update : 0 });
    try {
      const done = await runImport(input, (d, total) => setRun({ state: 'running', done: d, total }));
      setRun({ state: 'done', report: done });
      await queryClient.invalidateQueries({ queryKey: ['console', kind] });
    } catch (error) {
      setRun({ state: 'failed', error });
    }
  };
  const reset = () => {
    setFile(null);
    setReport(null);
    setRun({ state: 'idle' });
    preview.reset();
    dryRun.reset();
  };
  const busy = run.state === 'running';

  return (
    <>
      <PageHeader title={t(`imports.title.${kind}`)} description={t(`imports.intro.${kind}`)} above={<BackLink to={list} label={t(`imports.back.${kind}`)} />} />
      <Stack gap="lg">
        <SectionCard title={t('imports.file.title')}>
          {run.state !== 'done' && <FileDrop onFile={choose} onError={setFileError} disabled={busy || preview.isPending} />}
          {preview.isPending && <Text size="sm">{t('imports.file.reading')}</Text>}
          {fileError && (
            <Alert role="alert" color="red" variant="light">
              {fileError}
            </Alert>
          )}
          <FormError error={preview.error} />
          {file && (
            <Text size="sm" fw={600} data-testid="import-file">
              {t('imports.file.summary', { name: file.name, count: file.preview.rowCount, delimiter: t(`imports.delimiter.${DELIMITER_NAMES[file.preview.delimiter]}`) })}
            </Text>
          )}
        </SectionCard>

        {file && run.state !== 'done' && (
          <>
            <SectionCard title={t('imports.mapping.title')}>
              <MappingTable kind={kind} headers={file.preview.headers} mapping={mapping} onChange={changed(setMapping)} />
            </SectionCard>
            <SectionCard title={t('imports.preview.title')}>
              <PreviewTable kind={kind} sample={file.preview.sample} mapping={mapping} errors={report?.errors ?? []} />
            </SectionCard>
            <SectionCard title={t('imports.options.title')}>
              <Radio.Group label={t(`imports.options.duplicates.${kind}`)} value={duplicates} onChange={(v) => changed(setDuplicates)(v === 'update' ? 'update' : 'skip')}>
                <Stack gap="xs" mt="xs">
                  <Radio value="skip" label={t('imports.options.skip')} />
                  <Radio value="update" label={t('imports.options.update')} />
                </Stack>
              </Radio.Group>
              {kind === 'contacts' && (
                <Checkbox
                  label={t('imports.options.sendWelcome')}
                  description={t('imports.options.sendWelcomeHint')}
                  checked={sendWelcomeEmail}
                  onChange={(event) => changed(setSendWelcome)(event.currentTarget.checked)}
                />
              )}
              <Group>
                <Button variant="default" onClick={check} loading={dryRun.isPending} disabled={!mappedRequired || busy}>
                  {t('imports.dryRun')}
                </Button>
                <Button onClick={() => void start()} disabled={!report || report.counts.error > 0 || busy} loading={busy}>
                  {t('imports.run')}
                </Button>
              </Group>
              <FormError error={dryRun.error} />
              {report && <ReportView report={report} />}
              {run.state === 'running' && (
                <Stack gap={4}>
                  <Progress value={run.total > 0 ? (100 * run.done) / run.total : 0} aria-label={t('imports.progressLabel')} animated />
                  <Text size="sm" aria-live="polite">
                    {t('imports.progress', { done: run.done, total: run.total })}
                  </Text>
                </Stack>
              )}
              {run.state === 'failed' && (
                <Alert role="alert" color="red" variant="light" title={t('imports.failedTitle')}>
                  <FormError error={run.error} />
                </Alert>
              )}
            </SectionCard>
          </>
        )}

        {run.state === 'done' && (
          <Alert color="green" variant="light" icon={<IconCircleCheck size={18} aria-hidden />} title={t('imports.result.title')} data-testid="import-result">
            <Stack gap="sm">
              <Text size="sm">
                {t('imports.result.text', { create: run.report.counts.create, update: run.report.counts.update, skip: run.report.counts.skip, seconds: (run.report.durationMs / 1000).toFixed(1) })}
              </Text>
              <Group>
                <Button component={Link} to={list} variant="light">
                  {t(`imports.back.${kind}`)}
                </Button>
                <Button variant="subtle" onClick={reset}>
                  {t('imports.again')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
      </Stack>
    </>
  );
}
