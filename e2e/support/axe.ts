import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import axe from 'axe-core';

/**
 * #9 item 9: every axe rule of every impact, experimental and best-practice ones included
 * (label-content-name-mismatch, p-as-heading, region, target-size, …). Left out: rules axe
 * marks deprecated, and those that only test WCAG AAA (7:1 contrast, identical link purposes,
 * meta refresh without exceptions): Porta's target is WCAG 2.2 AA plus best practice.
 */
const aaaOnly = (tags: string[]) => tags.some((tag) => /^wcag2\d*aaa$/.test(tag)) && !tags.some((tag) => /^wcag2\d*aa?$/.test(tag));
const ALL_RULES = Object.fromEntries(axe.getRules().map((rule) => [rule.ruleId, { enabled: !rule.tags.includes('deprecated') && !aaaOnly(rule.tags) }]));

/** Fails on ANY axe violation on the page as it is now; `where` names it in the failure. */
export async function expectNoA11yViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).options({ rules: ALL_RULES }).analyze();
  const violations = results.violations.map(
    (violation) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} — ${violation.nodes.map((node) => `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ')}]` : ''}`).join(', ')}`,
  );
  // Soft: a run reports every page's violations, not only the first page's.
  expect.soft(violations, `accessibility violations on ${where}`).toEqual([]);
}

/** The same check under its former name (specs written before #9 item 9 call it): all rules, 0 violations. */
export const expectNoSeriousA11yViolations = expectNoA11yViolations;
