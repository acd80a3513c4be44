import { Button, type ButtonVariant } from '@mantine/core';
import { IconMessageChatbot, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useContact } from '../../portal-auth/contact-context';
import { manualTicketsAllowed } from '../manual-tickets';

/**
 * The portal's New ticket button (ticket list, home). AI-4: with manual ticket creation off it
 * is gone, and the contact is sent to the assistant instead (nothing, without the assistant).
 */
export function NewTicketButton({ label, variant = 'filled' }: { label: string; variant?: ButtonVariant }) {
  const { t } = useTranslation('chat');
  const me = useContact();
  if (manualTicketsAllowed(me)) {
    return (
      <Button component={Link} to="/tickets/new" variant={variant} leftSection={<IconPlus size={16} aria-hidden />}>
        {label}
      </Button>
    );
  }
  if (!me.sections.assistant) return null;
  return (
    <Button component={Link} to="/assistant" variant={variant} leftSection={<IconMessageChatbot size={16} aria-hidden />}>
      {t('tickets.askAssistant')}
    </Button>
  );
}
