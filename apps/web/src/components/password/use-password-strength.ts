import type { PasswordPeople, PasswordVerdict } from '@porta/contracts/password-strength';
import { useEffect, useRef, useState } from 'react';
import { useCurrentLanguage } from '../../lib/use-language';

export type StrengthState = { status: 'idle' } | { status: 'checking' } | { status: 'done'; verdict: PasswordVerdict } | { status: 'unavailable' };

const DELAY_MS = 250;

/**
 * Issue 9 item 4: the shared policy, scored as the person types. zxcvbn and its dictionaries
 * are a chunk of their own, fetched on the first keystroke, never on pages without a new
 * password. The browser loads the common lists and the UI language's (the server judges with
 * all five and has the last word).
 */
export function usePasswordStrength(password: string, people: PasswordPeople): StrengthState {
  const language = useCurrentLanguage();
  const [state, setState] = useState<StrengthState>({ status: 'idle' });
  const run = useRef(0);
  const peopleKey = JSON.stringify(people);

  useEffect(() => {
    const id = ++run.current;
    if (!password) {
      setState({ status: 'idle' });
      return;
    }
    setState((s) => (s.status === 'done' ? s : { status: 'checking' }));
    const timer = window.setTimeout(() => {
      import('@porta/contracts/password-strength')
        .then(({ checkPasswordStrength }) => checkPasswordStrength(password, JSON.parse(peopleKey) as PasswordPeople, language === 'en' ? ['en'] : ['en', language]))
        .then((verdict) => {
          if (run.current === id) setState({ status: 'done', verdict });
        })
        .catch(() => {
          if (run.current === id) setState({ status: 'unavailable' });
        });
    }, DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [password, peopleKey, language]);

  return state;
}
