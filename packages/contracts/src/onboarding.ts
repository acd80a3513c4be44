import { z } from 'zod';

/** Issue 9 item 5: the console's first-run checklist, in the order it is shown. */
export const ONBOARDING_STEPS = ['mail', 'customer', 'contact', 'kbArticle', 'portalAddress'] as const;
export const onboardingStepSchema = z.enum(ONBOARDING_STEPS);
export type OnboardingStep = z.infer<typeof onboardingStepSchema>;

export const onboardingSchema = z.object({
  steps: z.array(z.object({ key: onboardingStepSchema, done: z.boolean() })),
  /** Every step done: the console hides the checklist. */
  complete: z.boolean(),
  /** The tenant's portal address (the one links in mails use). */
  portalUrl: z.string(),
});
export type Onboarding = z.infer<typeof onboardingSchema>;
