import { ServiceError, WINDOWS_SERVICE, type InstallPaths, type ServicePlan } from './types.ts';

function windowsPath(p: string): string {
  if (!/^[A-Za-z]:\\[^"<>|*?\r\n]*$/.test(p)) throw new ServiceError(`Path not usable for a Windows service: ${p}`);
  return p;
}

/** The service command line SCM starts: quoted binary, `run --state "<dir>"`. */
export function windowsBinPath(paths: InstallPaths): string {
  return `"${windowsPath(paths.binary)}" run --state "${windowsPath(paths.stateDir)}"`;
}

/**
 * `sc.exe` argument vectors (sc wants `name= value` as two arguments). Restarts on failure
 * after 5 s, 5 s, then 60 s.
 */
export function windowsPlan(paths: InstallPaths): ServicePlan {
  return {
    os: 'windows',
    files: [],
    install: [
      ['sc.exe', 'create', WINDOWS_SERVICE, 'binPath=', windowsBinPath(paths), 'start=', 'auto', 'DisplayName=', 'Porta Agent'],
      ['sc.exe', 'description', WINDOWS_SERVICE, 'Porta agent: runs signed actions requested from the Porta portal'],
      ['sc.exe', 'failure', WINDOWS_SERVICE, 'reset=', '86400', 'actions=', 'restart/5000/restart/5000/restart/60000'],
      ['sc.exe', 'start', WINDOWS_SERVICE],
    ],
    uninstall: [
      ['sc.exe', 'stop', WINDOWS_SERVICE],
      ['sc.exe', 'delete', WINDOWS_SERVICE],
    ],
  };
}
