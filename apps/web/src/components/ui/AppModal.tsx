import { Modal, type ModalProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Mantine's Modal, centred, with a translated name on its close button. */
export function AppModal(props: ModalProps) {
  const { t } = useTranslation();
  return <Modal centered {...props} closeButtonProps={{ 'aria-label': t('actions.close'), ...props.closeButtonProps }} />;
}
