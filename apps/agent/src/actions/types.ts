import type { Action, ActionWithParams } from '@porta/agent-protocol';
import type { OsContext, OsPlanner, Step } from '../os/types.ts';

type ParamsOf<A extends Action> = Extract<ActionWithParams, { action: A }>['params'];

/** One handler per action: turns verified params into the OS step to run. */
export type ActionHandler<A extends Action> = (params: ParamsOf<A>, planner: OsPlanner, ctx: OsContext) => Step;
