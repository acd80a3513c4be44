import type { Understanding, UnderstandInput } from '../engine.types.ts';

/**
 * AI-5a: the built-in engine's reading of one message. PLACEHOLDER until the built-in engine
 * lands (issue 13): it understands nothing yet.
 */
export function understand(_input: UnderstandInput): Understanding {
  return { intent: 'other' };
}
