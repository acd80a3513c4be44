import { checkPasswordStrength, MIN_PASSWORD_SCORE, passwordUserInputs, preloadPasswordStrength } from '@porta/contracts/password-strength';
import { translate } from '@porta/i18n/translate';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { assertStrongPassword, describeWeakPassword, WeakPasswordError } from './password-policy.ts';
import { generatePassword } from './passwords.ts';

const ada = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@analytical.example', username: 'ada.lovelace', tenantName: 'Northwind Traders' };
const bob = { firstName: 'Bob', lastName: 'Smith', email: 'bob@example.com', username: 'bob.smith', tenantName: 'Acme' };

async function refusal(password: string, people: typeof ada): Promise<WeakPasswordError> {
  const err = await assertStrongPassword(password, people, 'newPassword').then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WeakPasswordError);
  return err as WeakPasswordError;
}

describe('password policy (issue 9 item 4)', () => {
  // Loading the dictionaries takes a second or more (more on a busy machine): once, before the tests.
  beforeAll(() => preloadPasswordStrength(), 120_000);

  it('refuses "password12": a common password, with the reason and what to do', async () => {
    const err = await refusal('password12', bob);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('PASSWORD_TOO_WEAK');
    expect(err.verdict.score).toBeLessThan(MIN_PASSWORD_SCORE);
    expect(err.verdict.warning).toMatch(/common/i);
    expect(err.verdict.suggestions.length).toBeGreaterThan(0);
  });

  it('refuses a password built from the person\'s own name, and takes the same for someone else', async () => {
    const err = await refusal('Ada Lovelace2024', ada);
    expect(err.verdict.warning).toBe('userInputs');
    expect((await checkPasswordStrength('Ada Lovelace2024', bob)).ok).toBe(true);
  });

  it('refuses a password built from the tenant\'s name', async () => {
    const err = await refusal('NorthwindTraders#1', ada);
    expect(err.verdict.score).toBeLessThan(MIN_PASSWORD_SCORE);
    expect((await checkPasswordStrength('NorthwindTraders#1', bob)).ok).toBe(true);
  });

  it('refuses words of the five languages and keyboard runs', async () => {
    for (const weak of ['passwort2024', 'motdepasse1', 'contrasena12', 'ciaociao2024', 'qwertyuiop', '1234567890']) {
      expect((await checkPasswordStrength(weak, bob)).ok, weak).toBe(false);
    }
  });

  it('accepts strong passwords', async () => {
    for (const strong of ['correct horse battery staple', 'Zq8#mK2!pL9x', 'violet tractor seventeen lagoon']) {
      const verdict = await checkPasswordStrength(strong, ada);
      expect(verdict, strong).toMatchObject({ ok: true, warning: null, suggestions: [] });
    }
  });

  it('passes every generated password (contacts\' initial credentials, regenerate)', async () => {
    for (let i = 0; i < 40; i++) {
      const generated = generatePassword();
      const verdict = await checkPasswordStrength(generated, bob);
      expect(verdict.score, generated).toBeGreaterThanOrEqual(MIN_PASSWORD_SCORE);
    }
  });

  it('says why and how in the caller\'s language', async () => {
    const err = await refusal('Ada Lovelace2024', ada);
    for (const lang of ['en', 'fr', 'de', 'es', 'it'] as const) {
      const { message, details } = err.localised(lang);
      const [detail] = details;
      expect(detail?.field).toBe('newPassword');
      expect(detail?.code).toBe('password_weak');
      expect(detail?.warning?.message).toBe(translate(lang, 'common', 'passwordStrength.warnings.userInputs'));
      expect(detail?.suggestions.map((s) => s.message)).toContain(translate(lang, 'common', 'passwordStrength.suggestions.longer'));
      expect(message).toContain(translate(lang, 'errors', 'PASSWORD_TOO_WEAK'));
      expect(message).toContain(detail?.warning?.message);
      expect(message).not.toContain('{{');
    }
    expect(err.localised('it').message).not.toBe(err.localised('en').message);
  });

  it('a weak password with no precise warning still gets a reason and a suggestion', () => {
    const detail = describeWeakPassword('de', 'password', { score: 2, ok: false, warning: null, suggestions: ['longer'] });
    expect(detail.message).toBe(`${translate('de', 'common', 'passwordStrength.weak')} ${translate('de', 'common', 'passwordStrength.suggestions.longer')}`);
  });

  it('user inputs: names whole, joined and word by word; e-mail and its local part', () => {
    const inputs = passwordUserInputs({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@x.example', tenantName: 'Acme IT' });
    expect(inputs).toEqual(expect.arrayContaining(['ada lovelace', 'adalovelace', 'ada', 'lovelace', 'ada@x.example', 'acme it', 'acmeit', 'acme', 'it']));
  });
});
