import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ACTION_STEPS, eventColor, eventKey, isKnownEvent } from '../events';

/** Long step names wrap instead of being cut off in a narrow column. */
const WRAP = { root: { height: 'auto', maxWidth: '100%', paddingBlock: 2 }, label: { whiteSpace: 'normal', overflow: 'visible' } } as const;

/** The event as a step name ("2 · Verified"), or the raw event name when it is not a known one. */
export function AuditEventBadge({ event }: { event: string }) {
  const { t } = useTranslation('devices');
  if (!isKnownEvent(event)) return <Badge variant="outline" color="gray" styles={WRAP}>{event}</Badge>;
  const step = (ACTION_STEPS as readonly string[]).indexOf(event);
  const label = t(`audit.events.${eventKey(event)}`);
  return (
    <Badge variant="light" color={eventColor(event)} title={event} styles={WRAP}>
      {step >= 0 ? `${step + 1} · ${label}` : label}
    </Badge>
  );
}
