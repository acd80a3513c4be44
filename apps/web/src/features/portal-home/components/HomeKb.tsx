import { Anchor, Button, Stack } from '@mantine/core';
import type { PortalKbItem } from '@porta/contracts/kb';
import { IconBook2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/ui/EmptyState';
import { SectionCard } from '../../../components/ui/SectionCard';

/** The most-read articles the contact may read, each a link. */
export function HomeKb({ mostRead }: { mostRead: PortalKbItem[] }) {
  const { t } = useTranslation('portal');
  return (
    <SectionCard title={t('portalHome.mostReadTitle')}>
      {mostRead.length === 0 ? (
        <EmptyState icon={<IconBook2 size={28} aria-hidden />} title={t('portalHome.noArticlesTitle')} description={t('portalHome.noArticlesText')} />
      ) : (
        <Stack gap="xs" component="ul" aria-label={t('portalHome.mostReadTitle')} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {mostRead.map((a) => (
            <li key={a.id}>
              <Anchor component={Link} to={`/kb/${a.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
                {a.title}
              </Anchor>
            </li>
          ))}
        </Stack>
      )}
      <div>
        <Button component={Link} to="/kb" variant="subtle">
          {t('portalHome.allArticles')}
        </Button>
      </div>
    </SectionCard>
  );
}
