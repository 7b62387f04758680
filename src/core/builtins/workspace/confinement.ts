import { realpath, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import type { IgnoreRules } from './ignoreRules';
import { WorkspacePathError } from './pathErrors';
import { isInside, type ResolvedRoot } from './workspaceRoots';

/**
 * The one gate for a path a tool is asked to open: the real path (every symbolic link resolved)
 * must lie under the root's real path, and neither the path asked for nor the one it resolves to
 * may be left out (.git, node_modules, .gitignore'd). A link inside pointing outside is refused
 * here; a link pointing elsewhere inside is followed.
 */
export async function confinedFile(root: ResolvedRoot, rel: string, rules: IgnoreRules, shown: string): Promise<string> {
  if (!rel) throw new WorkspacePathError(`"${shown || '.'}" is a folder; list it with list_files.`);
  if (await rules.ignoresPath(rel, false)) throw leftOut(shown);
  let real: string;
  try {
    real = await realpath(`${root.real}/${rel}`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new WorkspacePathError(`No file "${shown}" in the workspace; find paths with list_files.`);
    if (code === 'ELOOP') throw new WorkspacePathError(`"${shown}" is a symbolic link loop.`);
    throw err;
  }
  if (!isInside(root, real)) throw new WorkspacePathError(`"${shown}" is a symbolic link to a place outside the workspace; it is not read.`);
  const realRel = relative(root.real, real).split('\\').join('/');
  if (realRel !== rel && (await rules.ignoresPath(realRel, false))) throw leftOut(shown);
  if ((await stat(real)).isDirectory()) throw new WorkspacePathError(`"${shown}" is a folder; list it with list_files.`);
  return real;
}

function leftOut(shown: string): WorkspacePathError {
  return new WorkspacePathError(`"${shown}" is left out of the workspace view (.git, node_modules and files matched by .gitignore are not read).`);
}
