import { z } from 'zod';

/** An answer whose body does not matter (sign-out): loaded with lib/lazy-schema.ts. */
export const anyAnswerSchema = z.unknown();
