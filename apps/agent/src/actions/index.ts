import type { ActionWithParams } from '@porta/agent-protocol';
import type { OsContext, OsPlanner, Step } from '../os/types.ts';
import { installSoftware } from './install-software.ts';
import { lock } from './lock.ts';
import { logout } from './logout.ts';
import { resetPassword } from './reset-password.ts';
import { restart } from './restart.ts';
import { shutdown } from './shutdown.ts';

/** The step for a verified command on this OS (throws PlanRefusal when it cannot be built). */
export function planAction(command: ActionWithParams, planner: OsPlanner, ctx: OsContext): Step {
  switch (command.action) {
    case 'restart':
      return restart(command.params, planner, ctx);
    case 'lock':
      return lock(command.params, planner, ctx);
    case 'shutdown':
      return shutdown(command.params, planner, ctx);
    case 'logout':
      return logout(command.params, planner, ctx);
    case 'reset-password':
      return resetPassword(command.params, planner, ctx);
    case 'install-software':
      return installSoftware(command.params, planner, ctx);
  }
}
