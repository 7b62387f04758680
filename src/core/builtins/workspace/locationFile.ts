import { isAbsolute } from 'node:path';
import { confinedFile } from './confinement';
import { IgnoreRules } from './ignoreRules';
import { WorkspacePathError } from './pathErrors';
import type { WorkspaceRoot } from './workspaceConfig';
import { locate, noRootsMessage, resolveRoots } from './workspaceRoots';

/**
 * A report finding's location ("package-lock.json", line 12) → the real file an editor may open.
 * The location came from tool output and a model, so it passes the workspace tools' own gate
 * (confinement.ts): relative only (an absolute path is refused even inside a folder, as no
 * workspace tool writes one), no "..", no symbolic link out, nothing the tools leave out.
 */
export async function locationFile(roots: readonly WorkspaceRoot[], path: string): Promise<string> {
  if (isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.startsWith('\\') || path.startsWith('/')) {
    throw new WorkspacePathError(`"${path}" is an absolute path; a report location is relative to the workspace.`);
  }
  const resolved = await resolveRoots(roots);
  if (!resolved.length) throw new WorkspacePathError(noRootsMessage(roots, 'open a report location'));
  const { root, rel } = locate(resolved, path);
  return confinedFile(root, rel, new IgnoreRules(root.real), path);
}
