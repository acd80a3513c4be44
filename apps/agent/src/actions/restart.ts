import type { ActionHandler } from './types.ts';

/** `restart`: no parameters; the OS planner knows the command. */
export const restart: ActionHandler<'restart'> = (_params, planner, ctx) => planner.restart(ctx);
