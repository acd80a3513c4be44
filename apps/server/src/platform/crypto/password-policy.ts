import { checkPasswordStrength, type PasswordPeople, type PasswordVerdict } from '@porta/contracts/password-strength';
import type { Language } from '@porta/i18n/languages';
import { translate } from '@porta/i18n/translate';
import { AppError } from '../errors.ts';

export interface WeakPasswordDetail {
  field: string;
  code: 'password_weak';
  message: string;
  score: number;
  /** zxcvbn's key and our text for it (why), or null. */
  warning: { key: string; message: string } | null;
  /** What to do better (how). */
  suggestions: { key: string; message: string }[];
}

/** The reasons of a weak password in one language: the message says why, then how to do better. */
export function describeWeakPassword(lang: Language, field: string, verdict: PasswordVerdict): WeakPasswordDetail {
  const warning = verdict.warning ? { key: verdict.warning, message: translate(lang, 'common', `passwordStrength.warnings.${verdict.warning}`) } : null;
  const suggestions = verdict.suggestions.map((key) => ({ key, message: translate(lang, 'common', `passwordStrength.suggestions.${key}`) }));
  const why = warning?.message ?? translate(lang, 'common', 'passwordStrength.weak');
  return { field, code: 'password_weak', message: [why, ...suggestions.map((s) => s.message)].join(' '), score: verdict.score, warning, suggestions };
}

/** PASSWORD_TOO_WEAK whose message and details are written in the caller's language when it is answered. */
export class WeakPasswordError extends AppError {
  readonly verdict: PasswordVerdict;
  readonly field: string;

  constructor(field: string, verdict: PasswordVerdict) {
    super('PASSWORD_TOO_WEAK');
    this.field = field;
    this.verdict = verdict;
  }

  override localised(lang: Language) {
    const detail = describeWeakPassword(lang, this.field, this.verdict);
    return { message: `${translate(lang, 'errors', 'PASSWORD_TOO_WEAK')} ${detail.message}`, details: [detail] };
  }
}

/**
 * Issue 9 item 4: every password a person chooses (setup's first admin, a new technician, a
 * changed or reset password) must score 3 or more, judged against their own name, address and
 * username and the MSP's name. Not called on sign-in: the check costs tens of milliseconds.
 * `field` names the body field in the refusal's details.
 */
export async function assertStrongPassword(password: string, people: PasswordPeople, field = 'password'): Promise<void> {
  const verdict = await checkPasswordStrength(password, people);
  if (!verdict.ok) throw new WeakPasswordError(field, verdict);
}
