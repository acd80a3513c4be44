import { Button, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import type { ActionPolicies, ActionPoliciesPatch, ActionPolicy, SelfServiceAction } from '@porta/contracts/self-service';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/ui/FormError';
import { SectionCard } from '../../../components/ui/SectionCard';
import { notifySuccess } from '../../../lib/notify';

const ACTIONS: SelfServiceAction[] = ['restart', 'lock', 'shutdown', 'reset-password', 'logout', 'install-software'];
const MODES: ActionPolicy[] = ['allowed', 'confirm', 'approval'];
const INHERIT = 'inherit';

interface Props {
  title: string;
  description: string;
  /** The tenant's defaults (customer page: what "inherit" means). */
  defaults: ActionPolicies;
  /** Tenant page: every action has a mode. Customer page: only the overridden ones. */
  values: ActionPoliciesPatch;
  /** Customer page: each action may follow the tenant default. */
  inherit: boolean;
  readOnly: boolean;
  saving: boolean;
  error: unknown;
  onSave: (next: ActionPoliciesPatch) => Promise<unknown>;
}

/** Issue 13 item 5: per action, allowed / needs confirmation / needs a primary contact's approval. */
export function ActionPoliciesCard({ title, description, defaults, values, inherit, readOnly, saving, error, onSave }: Props) {
  const { t } = useTranslation(['devices', 'common']);
  const [draft, setDraft] = useState<ActionPoliciesPatch>(values);
  const dirty = JSON.stringify(draft) !== JSON.stringify(values);
  const options = (action: SelfServiceAction) => [
    ...(inherit ? [{ value: INHERIT, label: t('actionPolicies.inherit', { mode: t(`actionPolicies.modes.${defaults[action]}`) }) }] : []),
    ...MODES.map((m) => ({ value: m, label: t(`actionPolicies.modes.${m}`) })),
  ];
  const change = (action: SelfServiceAction, value: string | null) => {
    setDraft((d) => {
      const next = { ...d };
      if (!value || value === INHERIT) delete next[action];
      else next[action] = value as ActionPolicy;
      return next;
    });
  };
  const save = async () => {
    try {
      await onSave(draft);
      notifySuccess(t('actionPolicies.saved'));
    } catch {
      // Shown by FormError.
    }
  };
  return (
    <SectionCard title={title} description={description}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {ACTIONS.map((action) => (
            <Select
              key={action}
              label={t(`actions.${action}`)}
              data={options(action)}
              value={draft[action] ?? (inherit ? INHERIT : defaults[action])}
              onChange={(v) => change(action, v)}
              allowDeselect={false}
              disabled={readOnly}
              data-testid={`policy-${action}`}
            />
          ))}
        </SimpleGrid>
        <FormError error={error} />
        {readOnly ? null : (
          <Group>
            <Button onClick={() => void save()} loading={saving} disabled={!dirty}>
              {t('common:actions.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </SectionCard>
  );
}
