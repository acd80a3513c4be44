import { Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StrengthState } from './use-password-strength';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

interface PasswordStrengthMeterProps {
  state: StrengthState;
}

/** A bar and a label ("Strength: Weak") and, while too weak, why and how to do better. */
export function PasswordStrengthMeter({ state }: PasswordStrengthMeterProps) {
  const { t } = useTranslation();
  const verdict = state.status === 'done' ? state.verdict : null;
  const score = verdict?.score ?? 0;
  const level = verdict ? t(`passwordStrength.levels.${score}`) : '';
  return (
    <Stack gap={4} data-testid="password-strength">
      <Progress.Root size="sm">
        {/* The section carries role="progressbar": it gets the name. */}
        <Progress.Section value={verdict ? (score + 1) * 20 : 0} color={COLORS[score]} aria-label={t('passwordStrength.meterLabel')} aria-valuetext={level || undefined} />
      </Progress.Root>
      <Text size="xs" c="dimmed" aria-live="polite">
        {state.status === 'checking' ? t('passwordStrength.checking') : verdict ? t('passwordStrength.level', { level }) : t('passwordStrength.meterLabel')}
      </Text>
      {verdict && !verdict.ok && (
        <Text size="xs" data-testid="password-strength-advice">
          {[verdict.warning ? t(`passwordStrength.warnings.${verdict.warning}`) : t('passwordStrength.weak'), ...verdict.suggestions.map((s) => t(`passwordStrength.suggestions.${s}`))].join(' ')}
        </Text>
      )}
    </Stack>
  );
}
