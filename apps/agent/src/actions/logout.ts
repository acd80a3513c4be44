import type { ActionHandler } from './types.ts';

/** `logout`: no parameters; the OS planner knows the command. */
export const logout: ActionHandler<'logout'> = (_params, planner, ctx) => planner.logout(ctx);
