import { Button, Center, Stack } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { EmptyState } from '../components/ui/EmptyState';
import { releaseShell } from '../lib/sign-in-shell';

/** Last resort when a page throws while rendering or loading its code. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  // The error must be seen, not hidden behind a server-written sign-in page.
  useLayoutEffect(releaseShell, []);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center mih="100vh" p="md">
      <Stack maw={480}>
        <EmptyState
          icon={<IconBug size={28} aria-hidden />}
          title={notFound ? t('states.notFoundTitle') : t('states.errorTitle')}
          description={notFound ? t('states.notFoundText') : t('errors.crash')}
          action={
            <Button variant="light" onClick={() => window.location.reload()}>
              {t('actions.reload')}
            </Button>
          }
        />
      </Stack>
    </Center>
  );
}
