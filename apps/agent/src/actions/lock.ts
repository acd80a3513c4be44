import type { ActionHandler } from './types.ts';

/** `lock`: no parameters; the OS planner knows the command. */
export const lock: ActionHandler<'lock'> = (_params, planner, ctx) => planner.lock(ctx);
