import type { Customer } from '@porta/contracts/customers';
import { useTranslation } from 'react-i18next';
import { ConfirmDeleteModal } from '../../../components/ui/ConfirmModal';
import { notifySuccess } from '../../../lib/notify';
import { useDeleteCustomer } from '../api';
import { useRetained } from '../../../lib/use-retained';

interface DeleteCustomerModalProps {
  customer: Customer | null;
  onClose: () => void;
  onDeleted?: () => void;
}

export function DeleteCustomerModal({ customer: current, onClose, onDeleted }: DeleteCustomerModalProps) {
  const customer = useRetained(current);
  const { t } = useTranslation(['console', 'common']);
  const remove = useDeleteCustomer();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDeleteModal
      opened={current !== null}
      title={t('customers.delete.title')}
      loading={remove.isPending}
      error={remove.error}
      onClose={close}
      onConfirm={() => {
        if (!customer) return;
        remove.mutate(customer.id, {
          onSuccess: () => {
            notifySuccess(t('customers.delete.done', { name: customer.name }));
            close();
            onDeleted?.();
          },
        });
      }}
    >
      {t('customers.delete.text', { name: customer?.name ?? '' })}
    </ConfirmDeleteModal>
  );
}
