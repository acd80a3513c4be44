import type { AgentOs } from '@porta/agent-protocol';
import { launchdPlan } from './launchd.ts';
import { systemdPlan } from './systemd.ts';
import type { InstallPaths, ServicePlan } from './types.ts';
import { windowsPlan } from './windows.ts';

export function servicePlan(os: AgentOs, paths: InstallPaths): ServicePlan {
  if (os === 'windows') return windowsPlan(paths);
  if (os === 'macos') return launchdPlan(paths);
  return systemdPlan(paths);
}

/** A plan as text for a person to run by hand (when the agent lacks the rights to). */
/** `enrolLine` (install) goes after the preparation of the state directory, before the rest. */
export function describePlan(plan: ServicePlan, paths: InstallPaths, action: 'install' | 'uninstall', enrolLine?: string): string {
  const quote = (a: string) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  const lines: string[] = [];
  if (action === 'install') {
    for (const argv of plan.prepare) lines.push(argv.map(quote).join(' '));
    if (enrolLine) lines.push(enrolLine);
    lines.push(`copy the agent executable to ${paths.binary}`);
    for (const f of plan.files) lines.push(`write ${f.path} (mode ${f.mode.toString(8)}):\n${f.content}`);
  }
  for (const argv of action === 'install' ? plan.install : plan.uninstall) lines.push(argv.map(quote).join(' '));
  if (action === 'uninstall') for (const f of plan.files) lines.push(`remove ${f.path}`);
  return lines.join('\n');
}
