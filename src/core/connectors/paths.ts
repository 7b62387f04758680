import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the private registry lives: the platform's user config folder, shared by the
 * extension and the CLI. `CONNECTOR_AUDITOR_HOME` overrides it (tests, CI, portable setups).
 */
export function privateRegistryDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.CONNECTOR_AUDITOR_HOME) return env.CONNECTOR_AUDITOR_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'connector-auditor');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'connector-auditor');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'connector-auditor');
}

export const CONNECTORS_FILE_NAME = 'connectors.json';

export function privateRegistryFile(env?: Readonly<Record<string, string | undefined>>): string {
  return join(privateRegistryDir(env), CONNECTORS_FILE_NAME);
}

export function workspaceRegistryFile(workspaceFolder: string): string {
  return join(workspaceFolder, '.vscode', CONNECTORS_FILE_NAME);
}
