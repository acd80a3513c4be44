import type { ActionHandler } from './types.ts';

/** `shutdown`: no parameters; the OS planner knows the command. */
export const shutdown: ActionHandler<'shutdown'> = (_params, planner, ctx) => planner.shutdown(ctx);
