// `npm run i18n:check`: fails when a language lacks a key, adds one, or copies English (L-2).
import { CATALOGUES } from '../src/catalogues.ts';
import { checkParity, flatten } from '../src/parity.ts';
import { LANGUAGES, NAMESPACES } from '../src/languages.ts';

const problems = checkParity(CATALOGUES);
const keys = NAMESPACES.reduce((n, ns) => n + flatten(CATALOGUES.en[ns]).size, 0);
if (problems.length > 0) {
  for (const p of problems) console.error(`  ${p}`);
  console.error(`i18n check failed: ${problems.length} problem(s).`);
  process.exit(1);
}
console.log(`i18n check passed: ${keys} keys in ${NAMESPACES.length} namespaces, identical in ${LANGUAGES.join(', ')}.`);
