import { Button } from '@mantine/core';
import type { ImportKind } from '@porta/contracts/imports';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The "Import CSV" entry of the customers and contacts lists (issue 15 item 5). */
export function ImportCsvButton({ kind }: { kind: ImportKind }) {
  const { t } = useTranslation('console');
  return (
    <Button component={Link} to={`/console/imports/${kind}`} variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
      {t('imports.action')}
    </Button>
  );
}
