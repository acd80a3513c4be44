import type { ActionHandler } from './types.ts';

/** `install-software`: installs a catalogue package with the OS's package manager. */
export const installSoftware: ActionHandler<'install-software'> = (params, planner, ctx) =>
  planner.installSoftware(ctx, {
    manager: params.manager,
    packageRef: params.packageRef,
    ...(params.source !== undefined ? { source: params.source } : {}),
  });
