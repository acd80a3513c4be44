import { LAUNCHD_LABEL, type InstallPaths, type ServicePlan } from './types.ts';

export const LAUNCHD_PLIST_PATH = `/Library/LaunchDaemons/${LAUNCHD_LABEL}.plist`;
export const LAUNCHD_LOG_PATH = '/Library/Logs/PortaAgent.log';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function launchdPlist(paths: InstallPaths): string {
  const args = [paths.binary, 'run', '--state', paths.stateDir].map((a) => `    <string>${xml(a)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <true/>
  <key>Umask</key>
  <integer>63</integer>
  <key>StandardOutPath</key>
  <string>${LAUNCHD_LOG_PATH}</string>
  <key>StandardErrorPath</key>
  <string>${LAUNCHD_LOG_PATH}</string>
</dict>
</plist>
`;
}

export function launchdPlan(paths: InstallPaths): ServicePlan {
  return {
    os: 'macos',
    files: [{ path: LAUNCHD_PLIST_PATH, content: launchdPlist(paths), mode: 0o644 }],
    prepare: [],
    install: [['launchctl', 'bootstrap', 'system', LAUNCHD_PLIST_PATH]],
    uninstall: [['launchctl', 'bootout', `system/${LAUNCHD_LABEL}`]],
  };
}
