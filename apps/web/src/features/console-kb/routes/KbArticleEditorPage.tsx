import { Badge, Button, Card, Group, Menu, Select, Stack, Switch, Tabs, TagsInput, Text } from '@mantine/core';
import { LANGUAGES, type Language } from '@porta/contracts/common';
import type { KbArticle, KbStatus } from '@porta/contracts/kb';
import { IconLanguage, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { BackLink } from '../../../components/ui/BackLink';
import { ConfirmModal } from '../../../components/ui/ConfirmModal';
import { DetailError } from '../../../components/ui/DetailError';
import { FormError } from '../../../components/ui/FormError';
import { LoadingState } from '../../../components/ui/LoadingState';
import { PageHeader } from '../../../components/ui/PageHeader';
import { formatDateTime } from '../../../lib/format';
import { currentLanguage } from '../../../lib/i18n';
import { notifySuccess } from '../../../lib/notify';
import { CustomerMultiSelect } from '../../customers/components/CustomerMultiSelect';
import { type KbArticleInput, useCreateKbArticle, useDeleteKbArticle, useKbArticle, useKbCategories, useKbSettings, useUpdateKbArticle } from '../api';
import { KbBodyEditor } from '../components/KbBodyEditor';
import { KbStatusBadge } from '../components/KbStatusBadge';
import { languageName } from '../labels';

type Texts = Partial<Record<Language, { title: string; body: string }>>;

/** KB-1, KB-2: write an article in several languages with a live preview, file it, limit it, publish it. */
export function KbArticleEditorPage() {
  const { id } = useParams();
  const { t } = useTranslation('kb');
  const article = useKbArticle(id);
  if (!id) return <Editor article={null} />;
  if (article.isPending) return <LoadingState />;
  if (article.isError) {
    return <DetailError error={article.error} back={{ to: '/console/kb', label: t('console.title') }} title={t('console.title')} onRetry={() => void article.refetch()} />;
  }
  return <Editor key={article.data.id} article={article.data} />;
}

function Editor({ article }: { article: KbArticle | null }) {
  const { t } = useTranslation(['kb', 'common']);
  const navigate = useNavigate();
  const categories = useKbCategories();
  const settings = useKbSettings();
  const create = useCreateKbArticle();
  const update = useUpdateKbArticle(article?.id ?? '');
  const remove = useDeleteKbArticle(article?.id ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);

  const initialTexts: Texts = article
    ? Object.fromEntries(Object.entries(article.translations).map(([l, tr]) => [l, { title: tr.title, body: tr.body }]))
    : { [currentLanguage()]: { title: '', body: '' } };
  const [texts, setTexts] = useState<Texts>(initialTexts);
  const present = LANGUAGES.filter((l) => texts[l] !== undefined);
  const [tab, setTab] = useState<string | null>(present[0] ?? 'en');
  const [categoryId, setCategoryId] = useState<string | null>(article?.category?.id ?? null);
  const [tags, setTags] = useState<string[]>(article?.tags ?? []);
  const [limited, setLimited] = useState(article?.audience !== null && article?.audience !== undefined);
  const [customerIds, setCustomerIds] = useState<string[]>(article?.audience?.customerIds ?? []);
  const mutation = article ? update : create;

  const input = (status?: KbStatus): KbArticleInput => {
    const translations: KbArticleInput['translations'] = {};
    for (const l of LANGUAGES) {
      const text = texts[l];
      if (text) translations[l] = text;
      else if (article?.translations[l]) translations[l] = null;
    }
    return { categoryId, tags, translations, audience: limited ? { customerIds } : null, ...(status && { status }) };
  };

  const save = (status?: KbStatus) => {
    const body = article ? input(status) : input(status ?? 'draft');
    mutation.mutate(body, {
      onSuccess: (saved) => {
        notifySuccess(status === 'published' ? t('editor.publishedToast') : status === 'draft' && article?.status === 'published' ? t('editor.unpublishedToast') : t('editor.savedToast'));
        if (!article) void navigate(`/console/kb/${saved.id}`, { replace: true });
      },
    });
  };

  const addLanguage = (l: Language) => {
    setTexts((current) => ({ ...current, [l]: { title: '', body: '' } }));
    setTab(l);
  };
  const removeLanguage = (l: Language) => {
    setTexts((current) => Object.fromEntries(Object.entries(current).filter(([k]) => k !== l)));
    setTab(present.find((p) => p !== l) ?? null);
  };
  const missing = LANGUAGES.filter((l) => texts[l] === undefined);
  const title = article ? (texts[present[0] ?? 'en']?.title ?? '') || t('editor.untitled') : t('editor.newTitle');

  return (
    <>
      <PageHeader
        above={<BackLink to="/console/kb" label={t('console.title')} />}
        title={title}
        documentTitle={article ? title : t('editor.newTitle')}
        description={
          article && (
            <Group component="span" gap="xs">
              <KbStatusBadge status={article.status} />
              {t('editor.meta', { author: article.author?.name ?? '—', date: formatDateTime(article.updatedAt), count: article.viewCount })}
              {t('editor.votes', { helpful: article.votes.helpful, notHelpful: article.votes.notHelpful })}
            </Group>
          )
        }
        actions={
          <>
            {article && (
              <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirmDelete(true)}>
                {t('common:actions.delete')}
              </Button>
            )}
            <Button variant="default" onClick={() => save()} loading={mutation.isPending}>
              {t('editor.save')}
            </Button>
            {article?.status === 'published' ? (
              <Button variant="light" onClick={() => save('draft')} loading={mutation.isPending}>
                {t('editor.unpublish')}
              </Button>
            ) : (
              <Button onClick={() => save('published')} loading={mutation.isPending}>
                {t('editor.publish')}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <FormError error={mutation.error} />
        <Card withBorder radius="md" p="md">
          <Group align="flex-end" gap="md" wrap="wrap">
            <Select
              label={t('console.columns.category')}
              placeholder={t('editor.noCategory')}
              data={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={categoryId}
              onChange={setCategoryId}
              clearable
              style={{ flex: '1 1 14rem' }}
            />
            <TagsInput label={t('editor.tags')} value={tags} onChange={setTags} maxTags={20} style={{ flex: '2 1 18rem' }} />
          </Group>
          <Stack gap="xs" mt="md">
            <Switch label={t('editor.limit')} description={t('editor.limitHint')} checked={limited} onChange={(e) => setLimited(e.currentTarget.checked)} />
            {limited && <CustomerMultiSelect label={t('editor.customers')} value={customerIds} onChange={setCustomerIds} />}
          </Stack>
        </Card>
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          {/* The language menu sits beside the tab list, not in it: a tablist holds only tabs. */}
          <Group gap={0} align="flex-end" wrap="nowrap">
            <Tabs.List style={{ flex: 1 }}>
              {present.map((l) => (
                <Tabs.Tab key={l} value={l}>
                  {languageName(l)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {missing.length > 0 && (
              <Menu position="bottom-start" withinPortal>
                <Menu.Target>
                  <Button variant="subtle" size="xs" my={4} ml="xs" leftSection={<IconPlus size={14} aria-hidden />}>
                    {t('editor.addLanguage')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {missing.map((l) => (
                    <Menu.Item key={l} leftSection={<IconLanguage size={14} aria-hidden />} onClick={() => addLanguage(l)}>
                      {languageName(l)}
                    </Menu.Item>
                  ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Group>
          {present.map((l) => (
            <Tabs.Panel key={l} value={l} pt="md">
              <KbBodyEditor
                title={texts[l]?.title ?? ''}
                body={texts[l]?.body ?? ''}
                languageLabel={languageName(l)}
                images={settings.data?.externalImages ?? false}
                onChange={(value) => setTexts((current) => ({ ...current, [l]: value }))}
              />
              {present.length > 1 && (
                <Group justify="flex-end" mt="sm">
                  <Button variant="subtle" color="red" size="xs" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => removeLanguage(l)}>
                    {t('editor.removeLanguage', { language: languageName(l) })}
                  </Button>
                </Group>
              )}
            </Tabs.Panel>
          ))}
        </Tabs>
        {article && (
          <Text size="xs" c="dimmed">
            {t('editor.languages')}{' '}
            {Object.keys(article.translations).map((l) => (
              <Badge key={l} size="xs" variant="outline" tt="uppercase" mr={4}>
                {l}
              </Badge>
            ))}
          </Text>
        )}
      </Stack>
      <ConfirmModal
        opened={confirmDelete}
        title={t('editor.deleteTitle')}
        confirmLabel={t('common:actions.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => void navigate('/console/kb', { replace: true }) })}
      >
        {t('editor.deleteText')}
      </ConfirmModal>
    </>
  );
}
