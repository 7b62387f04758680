import { isAbsolute, relative } from 'node:path';
import { z } from 'zod';
import type { Connector } from '../core/connectors/registry';
import { usageError } from './exitCodes';

/**
 * The CLI's counterpart of VS Code's workspace trust. The working folder's
 * ./.vscode/connectors.json comes with whatever repository was cloned, so its connectors are
 * listed but never started or contacted unless the person says the folder is theirs
 * (--trust-workspace, or CONNECTOR_AUDITOR_TRUST_WORKSPACE=1 for CI). The private registry,
 * --config FILE and --stdio/--url are files or commands the person chose, and are not affected.
 */

export const TRUST_ENV = 'CONNECTOR_AUDITOR_TRUST_WORKSPACE';

// A typo such as "yes" must not silently leave a CI run without its connectors, nor trust by accident.
const trustValue = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['', '0', '1', 'false', 'true']));

export interface WorkspaceTrust {
  readonly trusted: boolean;
  /** Why this connector may not be started, or undefined: the CLI's `startBlocked` session hook. */
  blocked(connector: Connector): string | undefined;
}

export function workspaceTrust(flag: boolean, env: Readonly<Record<string, string | undefined>>, cwd: string): WorkspaceTrust {
  const trusted = flag || trustedByEnv(env);
  return {
    trusted,
    blocked: (connector) => (trusted || connector.visibility !== 'shared_workspace' ? undefined : untrustedWorkspaceMessage(connector, cwd)),
  };
}

function trustedByEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  const raw = env[TRUST_ENV];
  if (raw === undefined) return false;
  const parsed = trustValue.safeParse(raw);
  if (!parsed.success) throw usageError(`${TRUST_ENV} is 1 (trust ./.vscode/connectors.json) or 0, not "${raw}".`);
  return parsed.data === '1' || parsed.data === 'true';
}

export function untrustedWorkspaceMessage(connector: Connector, cwd: string): string {
  return `"${connector.label}" comes from ${displayPath(connector.origin?.file, cwd)}, which is not trusted: pass --trust-workspace (or set ${TRUST_ENV}=1) after reading it.`;
}

/** `./.vscode/connectors.json` as the person would type it from the working folder. */
function displayPath(file: string | undefined, cwd: string): string {
  if (!file) return './.vscode/connectors.json';
  const rel = relative(cwd, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? `./${rel.split('\\').join('/')}` : file;
}
