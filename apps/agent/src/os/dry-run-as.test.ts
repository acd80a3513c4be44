import { describe, expect, it } from 'vitest';
import { dryRunAs } from './dry-run-as.ts';

describe('dry-run agent as another OS', () => {
  it('applies to the dry-run executor only; a system agent always plans for its own OS', () => {
    const env = { PORTA_AGENT_DRY_RUN_OS: 'windows', PORTA_AGENT_DRY_RUN_USER: 'giulia' };
    expect(dryRunAs('dry-run', env)).toEqual({ os: 'windows', user: 'giulia' });
    expect(dryRunAs('system', env)).toBeNull();
    expect(dryRunAs('dry-run', {})).toBeNull();
    expect(dryRunAs('dry-run', { PORTA_AGENT_DRY_RUN_OS: 'macos' })).toEqual({ os: 'macos', user: null });
  });

  it('refuses an unknown OS or a user that is no login name', () => {
    expect(() => dryRunAs('dry-run', { PORTA_AGENT_DRY_RUN_OS: 'freebsd' })).toThrow(/PORTA_AGENT_DRY_RUN_OS/);
    expect(() => dryRunAs('dry-run', { PORTA_AGENT_DRY_RUN_OS: 'linux', PORTA_AGENT_DRY_RUN_USER: 'a b;rm' })).toThrow(/PORTA_AGENT_DRY_RUN_USER/);
  });
});
