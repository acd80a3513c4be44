import type { ActionHandler } from './types.ts';

/** `reset-password`: sets the server-generated temporary password on the named local account. */
export const resetPassword: ActionHandler<'reset-password'> = (params, planner, ctx) =>
  planner.resetPassword(ctx, params.username, params.temporaryPassword);
