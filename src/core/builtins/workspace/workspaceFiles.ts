import { walkFiles } from './fileWalker';
import type { WorkspaceToolContext, WorkspaceView } from './workspaceToolKit';
import { displayPath, type ResolvedRoot } from './workspaceRoots';

/**
 * The files of every root matching a glob, in one list: what list_files pages through and what
 * the search and the scans read. With several roots each path carries its root's name.
 */

export interface WorkspaceFile {
  root: ResolvedRoot;
  /** Relative to the root. */
  rel: string;
  /** As shown to the model. */
  shown: string;
}

export async function workspaceFiles(
  ctx: WorkspaceToolContext,
  view: WorkspaceView,
  glob: string | undefined,
  signal?: AbortSignal,
): Promise<{ files: WorkspaceFile[]; truncated: boolean }> {
  const files: WorkspaceFile[] = [];
  let truncated = false;
  for (const root of view.roots) {
    const pattern = patternFor(view, root, glob);
    if (pattern === undefined) continue;
    const walked = await walkFiles(root, view.rules(root), { patterns: [pattern], maxFiles: ctx.limits.maxWalkFiles, signal });
    truncated ||= walked.truncated;
    for (const rel of walked.files) files.push({ root, rel, shown: displayPath(view.roots, root, rel) });
  }
  return { files, truncated };
}

/**
 * With several roots a glob may name one ("api/src/**"): it applies to that root only, without the
 * name (and the other roots are not walked); a glob that names no root applies to each.
 */
function patternFor(view: WorkspaceView, root: ResolvedRoot, glob: string | undefined): string | undefined {
  if (!glob) return '**/*';
  if (view.roots.length > 1) {
    const named = view.roots.find((r) => glob === r.name || glob.startsWith(`${r.name}/`));
    if (named) return named === root ? glob.slice(root.name.length + 1) || '**/*' : undefined;
  }
  return glob;
}

export const TRUNCATED_NOTE = (max: number) => `The walk stopped after ${max} files: the workspace is larger; narrow the glob to see the rest.`;
