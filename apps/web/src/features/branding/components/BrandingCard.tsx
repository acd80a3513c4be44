import { Box, Button, ColorInput, FileInput, Group, Paper, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { type Branding, formatRatio, MIN_WHITE_CONTRAST, whiteContrast } from '@porta/contracts/branding';
import { IconLifebuoy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';
import { useRemoveBrandingImage, useUpdateBranding, useUploadBrandingImage } from '../api';

const HEX = /^#[0-9a-f]{6}$/i;
/** The product's colour (theme indigo 7), shown in the preview when none is chosen. */
const PRODUCT_COLOR = '#4263eb';

/** D-4: portal name, colour, logo and favicon, with a live preview of the portal's header. */
export function BrandingCard({ current, tenantName }: { current: Branding; tenantName: string }) {
  const { t } = useTranslation(['console', 'common']);
  const update = useUpdateBranding();
  const [name, setName] = useState(current.portalName ?? '');
  const [color, setColor] = useState(current.primaryColor ?? '');
  const colorValid = color === '' || HEX.test(color);
  const ratio = HEX.test(color) ? whiteContrast(color) : null;
  const dirty = name.trim() !== (current.portalName ?? '') || color.toLowerCase() !== (current.primaryColor ?? '');

  const save = () => {
    update
      .mutateAsync({ portalName: name.trim() === '' ? null : name.trim(), primaryColor: color === '' ? null : color })
      .then(() => notifySuccess(t('branding.saved')))
      .catch(() => undefined);
  };

  const previewColor = ratio !== null ? color : (current.primaryColor ?? PRODUCT_COLOR);
  const previewName = name.trim() || tenantName;

  return (
    <SectionCard title={t('branding.title')} description={t('branding.text')}>
      <Stack gap="md">
        <TextInput label={t('branding.name')} description={t('branding.nameHint', { tenant: tenantName })} placeholder={tenantName} value={name} maxLength={80} onChange={(e) => setName(e.currentTarget.value)} />
        <ColorInput
          label={t('branding.color')}
          description={ratio !== null ? t('branding.contrast', { ratio: formatRatio(ratio) }) : t('branding.colorHint')}
          placeholder={PRODUCT_COLOR}
          // The eye dropper's button has no text of its own (axe: button-name); typing or picking is enough.
          withEyeDropper={false}
          format="hex"
          value={color}
          onChange={setColor}
          error={!colorValid ? t('branding.colorInvalid') : ratio !== null && ratio < MIN_WHITE_CONTRAST ? t('branding.contrastLow', { ratio: formatRatio(ratio) }) : undefined}
        />
        <FormError error={update.error} />
        <Group justify="flex-end">
          <Button onClick={save} disabled={!dirty || !colorValid} loading={update.isPending}>
            {t('common:actions.save')}
          </Button>
        </Group>
        <ImageField kind="logo" url={current.logoUrl} />
        <ImageField kind="favicon" url={current.faviconUrl} />
        <Box>
          <Text size="sm" fw={500} mb={4} id="branding-preview-label">
            {t('branding.preview')}
          </Text>
          <Paper withBorder p="md" aria-labelledby="branding-preview-label" role="group" data-testid="branding-preview">
            <Group justify="space-between" wrap="nowrap">
              <Group gap={8} wrap="nowrap">
                {current.logoUrl ? (
                  <img src={current.logoUrl} alt="" height={34} style={{ height: 34, width: 'auto', maxWidth: 160, objectFit: 'contain' }} />
                ) : (
                  <ThemeIcon size="lg" radius="md" color={previewColor} aria-hidden>
                    <IconLifebuoy size={20} />
                  </ThemeIcon>
                )}
                <Text fw={700} size="lg" data-testid="branding-preview-name">
                  {previewName}
                </Text>
              </Group>
              <Box component="span" data-testid="branding-preview-button" px="md" py={6} style={{ background: previewColor, color: '#fff', borderRadius: 'var(--mantine-radius-md)', fontWeight: 600, fontSize: 14 }}>
                {t('branding.previewButton')}
              </Box>
            </Group>
          </Paper>
        </Box>
      </Stack>
    </SectionCard>
  );
}

function ImageField({ kind, url }: { kind: 'logo' | 'favicon'; url: string | null }) {
  const { t } = useTranslation(['console', 'common']);
  const upload = useUploadBrandingImage(kind);
  const remove = useRemoveBrandingImage(kind);
  return (
    <Stack gap={6}>
      <Group align="flex-end" wrap="nowrap">
        <FileInput
          style={{ flex: 1 }}
          label={t(`branding.${kind}`)}
          description={t(`branding.${kind}Hint`)}
          placeholder={url ? t('branding.replace') : t('branding.choose')}
          // Mantine draws this placeholder as text (not a native placeholder): it needs AA contrast.
          styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
          accept={kind === 'logo' ? 'image/png,image/jpeg,image/webp' : 'image/png,image/x-icon,image/vnd.microsoft.icon'}
          value={null}
          onChange={(file) => {
            if (file) upload.mutate(file, { onSuccess: () => notifySuccess(t('branding.imageSaved')) });
          }}
          disabled={upload.isPending}
          data-testid={`branding-${kind}-input`}
        />
        {url && (
          <Button variant="default" onClick={() => remove.mutate()} loading={remove.isPending}>
            {t('branding.remove')}
          </Button>
        )}
      </Group>
      {url && <img src={url} alt={t(`branding.${kind}Current`)} style={{ maxHeight: kind === 'logo' ? 48 : 24, width: 'auto', alignSelf: 'flex-start' }} />}
      <FormError error={upload.error ?? remove.error} />
    </Stack>
  );
}
