import type { Language } from '@porta/i18n/languages';
import { LanguageMenu } from '../../../components/ui/LanguageMenu';
import { notifyError } from '../../../lib/notify';
import { useUpdateProfile } from '../../account/api';
import { useTechnician } from '../../console-auth/technician-context';

/** Header language switcher: saves the choice on the technician's profile. */
export function ConsoleLanguageMenu() {
  const user = useTechnician();
  const update = useUpdateProfile();
  const change = (language: Language) => {
    update.mutate({ language }, { onError: (error) => notifyError(error.message) });
  };
  return <LanguageMenu value={user.language} onChange={change} />;
}
