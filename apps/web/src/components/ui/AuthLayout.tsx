import { Box, Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { Language } from '@porta/i18n/languages';
import { IconLifebuoy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { LanguageMenu } from './LanguageMenu';

interface AuthLayoutProps {
  /** Brand shown above the card (tenant or product name). */
  brand: string;
  /** The tenant's logo (D-4), in place of the product mark. */
  logoUrl?: string | null;
  title: string;
  subtitle?: ReactNode;
  language: Language;
  onLanguageChange: (language: Language) => void;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}

/** Centered card used by the sign-in and set-up pages. */
export function AuthLayout({ brand, logoUrl = null, title, subtitle, language, onLanguageChange, children, footer, width = 420 }: AuthLayoutProps) {
  useDocumentTitle(`${title} · ${brand}`);
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" px="md" py="lg">
      <Group component="header" justify="space-between" maw={width + 160} mx="auto" mb="xl">
        <Group gap="xs" wrap="nowrap">
          {logoUrl ? (
            <img src={logoUrl} alt="" height={34} style={{ height: 34, width: 'auto', maxWidth: 160, objectFit: 'contain' }} data-testid="auth-logo" />
          ) : (
            <ThemeIcon size="lg" radius="md" aria-hidden>
              <IconLifebuoy size={20} />
            </ThemeIcon>
          )}
          <Text fw={700} size="lg">
            {brand}
          </Text>
        </Group>
        <LanguageMenu value={language} onChange={onLanguageChange} />
      </Group>
      <Center>
        <Stack w="100%" maw={width} gap="md">
          <Paper component="main" withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }}>
            <Stack gap={4} mb="lg">
              <Title order={1} size="h2">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
          {footer && (
            <Text component="footer" ta="center" size="sm" c="dimmed">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}
