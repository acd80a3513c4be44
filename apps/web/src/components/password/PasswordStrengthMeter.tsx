import { Progress, Stack, Text } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StrengthState } from './use-password-strength';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

interface PasswordStrengthMeterProps {
  state: StrengthState;
}

/** A bar and a label ("Strength: Weak") and, while too weak, why and how to do better. */
export function PasswordStrengthMeter({ state }: PasswordStrengthMeterProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const verdict = state.status === 'done' ? state.verdict : null;
  const score = verdict?.score ?? 0;
  const level = verdict ? t(`passwordStrength.levels.${score}`) : '';
  return (
    <Stack gap={4} data-testid="password-strength">
      <Progress
        value={verdict ? (score + 1) * 20 : 0}
        color={COLORS[score]}
        size="sm"
        aria-labelledby={labelId}
        aria-valuetext={level || undefined}
      />
      <Text id={labelId} size="xs" c="dimmed" aria-live="polite">
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
