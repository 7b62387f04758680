import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import type { WorkspaceRoot } from './workspaceConfig';
import { WorkspacePathError } from './pathErrors';

/**
 * The open folders as the tools see them: each by its real path (symbolic links resolved, so
 * "inside" can be checked by prefix), and each with a unique name. With one folder, paths are
 * relative to it; with several, a path starts with the folder's name ("api/src/index.ts"), as
 * VS Code names the folders of a multi-root workspace.
 */

export interface ResolvedRoot {
  name: string;
  /** The folder's real path: every path the tools touch must resolve under it. */
  real: string;
}

export async function resolveRoots(roots: readonly WorkspaceRoot[]): Promise<ResolvedRoot[]> {
  const out: ResolvedRoot[] = [];
  for (const root of roots) {
    let real: string;
    try {
      real = await realpath(root.path);
      if (!(await stat(real)).isDirectory()) continue;
    } catch {
      continue; // a folder removed since it was opened: nothing to read there
    }
    out.push({ name: uniqueName(root.name || 'folder', out), real });
  }
  return out;
}

/** Two folders may share a name (…/a/app and …/b/app); the second becomes "app~2". */
function uniqueName(name: string, taken: readonly ResolvedRoot[]): string {
  const clean = name.replace(/[/\\]/g, '_');
  let candidate = clean;
  for (let n = 2; taken.some((r) => r.name === candidate); n++) candidate = `${clean}~${n}`;
  return candidate;
}

/** How a path is shown: relative to its root, prefixed by the root's name when there are several. */
export function displayPath(roots: readonly ResolvedRoot[], root: ResolvedRoot, rel: string): string {
  return roots.length > 1 ? (rel ? `${root.name}/${rel}` : root.name) : rel;
}

/** Whether `real` (a realpath) is the root itself or under it. */
export function isInside(root: ResolvedRoot, real: string): boolean {
  return real === root.real || real.startsWith(root.real.endsWith(sep) ? root.real : root.real + sep);
}

/**
 * Which root a path given to a tool belongs to, and the path inside it (forward slashes, no "."
 * or empty segments). Absolute paths are taken only when they lie in a root; ".." is refused
 * outright rather than resolved, so a path can never climb out however the segments add up.
 */
export function locate(roots: readonly ResolvedRoot[], path: string): { root: ResolvedRoot; rel: string } {
  if (path.includes('\0')) throw new WorkspacePathError('A path cannot contain a NUL character.');
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\')) {
    for (const root of roots) {
      if (isInside(root, path)) return { root, rel: clean(relative(root.real, path)) };
    }
    throw new WorkspacePathError(`"${path}" is outside the workspace; give a path relative to the open folder${roots.length > 1 ? 's' : ''}.`);
  }
  const rel = clean(path);
  if (roots.length === 1) return { root: roots[0], rel };
  const [first, ...rest] = rel.split('/');
  const root = roots.find((r) => r.name === first);
  if (!root) throw new WorkspacePathError(`"${path}" does not start with a workspace folder name; the folders are: ${roots.map((r) => r.name).join(', ')}.`);
  return { root, rel: rest.join('/') };
}

function clean(path: string): string {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new WorkspacePathError(`"${path}" climbs out with "..": paths stay inside the workspace.`);
  return segments.join('/');
}

/** Why there is nothing to read: no folder open, or the ones given cannot be read. `purpose` ends the first sentence. */
export function noRootsMessage(given: readonly WorkspaceRoot[], purpose: string): string {
  return given.length
    ? `The workspace folder ${given.map((r) => `"${r.path}"`).join(', ')} cannot be read (missing, or not a folder).`
    : `No folder is open: open a folder (VS Code) or pass --workspace DIR (CLI) to ${purpose}.`;
}
