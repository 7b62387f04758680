/**
 * The workspace's resolved dependencies for a connector other than `workspace` (the supply_chain
 * connector's audit_dependencies): the same roots, trust, limits and reader as read_dependencies,
 * so both tools always see the same tree.
 */
import { nullLogger } from '../../util/logger';
import { DEFAULT_LIMITS, type WorkspaceConnectorOptions } from './workspaceConfig';
import { readWorkspaceDependencies, type WorkspaceDependencyView } from './workspaceDependencies';
import { workspaceView, type WorkspaceToolContext } from './workspaceToolKit';
import { noRootsMessage, resolveRoots } from './workspaceRoots';

export interface WorkspaceDependencySnapshot extends WorkspaceDependencyView {
  /** False in an untrusted workspace: the files may have been written to mislead. */
  trusted: boolean;
}

export function workspaceDependencySource(options: WorkspaceConnectorOptions): (signal: AbortSignal) => Promise<WorkspaceDependencySnapshot> {
  const ctx: WorkspaceToolContext = { options, limits: { ...DEFAULT_LIMITS, ...options.limits }, log: options.log ?? nullLogger };
  return async (signal) => {
    const given = options.roots();
    const roots = await resolveRoots(given);
    if (roots.length === 0) throw new Error(noRootsMessage(given, 'audit its dependencies'));
    return { ...(await readWorkspaceDependencies(ctx, workspaceView(roots), signal)), trusted: options.trusted() };
  };
}
