import { SERVICE_NAME, ServiceError, type InstallPaths, type ServicePlan } from './types.ts';

export const SYSTEMD_UNIT_PATH = `/etc/systemd/system/${SERVICE_NAME}.service`;

/** Absolute paths only, without characters systemd would read as quoting or specifiers. */
function unitPath(p: string): string {
  if (!/^\/[A-Za-z0-9._/ +-]*$/.test(p)) throw new ServiceError(`Path not usable in a systemd unit: ${p}`);
  return `"${p}"`;
}

export function systemdUnit(paths: InstallPaths): string {
  return [
    '[Unit]',
    'Description=Porta agent',
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=${unitPath(paths.binary)} run --state ${unitPath(paths.stateDir)}`,
    'Restart=always',
    'RestartSec=10',
    'UMask=0077',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export function systemdPlan(paths: InstallPaths): ServicePlan {
  return {
    os: 'linux',
    files: [{ path: SYSTEMD_UNIT_PATH, content: systemdUnit(paths), mode: 0o644 }],
    prepare: [],
    install: [
      ['systemctl', 'daemon-reload'],
      ['systemctl', 'enable', '--now', `${SERVICE_NAME}.service`],
    ],
    uninstall: [
      ['systemctl', 'disable', '--now', `${SERVICE_NAME}.service`],
      ['systemctl', 'daemon-reload'],
    ],
  };
}
