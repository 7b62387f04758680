import { readdir, type Dirent } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { glob } from 'tinyglobby';
import type { IgnoreRules } from './ignoreRules';
import { WorkspacePathError } from './pathErrors';
import type { ResolvedRoot } from './workspaceRoots';

/**
 * The files of one root that match a glob, as tinyglobby finds them, with the ignore rules
 * applied inside its walk: tinyglobby reads folders through the `fs` it is given, and the
 * readdir given here drops ignored entries and every symbolic link before the walk sees them.
 * So an ignored folder (node_modules, build output) is never entered, a link can neither lead
 * outside nor loop, and the walk stops looking once it has seen `maxFiles` entries.
 */

export interface WalkResult {
  /** Paths relative to the root, sorted (so pages are stable between calls). */
  files: string[];
  /** True when the walk stopped at `maxFiles`: the list is partial. */
  truncated: boolean;
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

export async function walkFiles(
  root: ResolvedRoot,
  rules: IgnoreRules,
  options: { patterns: readonly string[]; maxFiles: number; signal?: AbortSignal },
): Promise<WalkResult> {
  for (const p of options.patterns) checkPattern(p);
  let seen = 0;
  let truncated = false;
  const filteredReaddir = (path: string, _options: unknown, callback: ReaddirCallback) => {
    readdir(path, { withFileTypes: true }, (error, entries) => {
      if (error) return callback(error, []);
      keptEntries(path, entries).then(
        (kept) => callback(null, kept),
        (err: NodeJS.ErrnoException) => callback(err, []),
      );
    });
  };
  const keptEntries = async (path: string, entries: Dirent[]): Promise<Dirent[]> => {
    const dirRel = relative(root.real, path).split('\\').join('/');
    // A walk starts only under the root (patterns are checked above); this guards the guard.
    if (dirRel.startsWith('..') || isAbsolute(dirRel)) return [];
    // tinyglobby may start below the root for a pattern like "src/**"; that folder may be ignored.
    if (await rules.ignoresPath(dirRel, true)) return [];
    const kept: Dirent[] = [];
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      if (!entry.isFile() && !entry.isDirectory()) continue;
      if (seen >= options.maxFiles) {
        truncated = true;
        break;
      }
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      if (await rules.ignoresEntry(rel, entry.isDirectory())) continue;
      if (entry.isFile()) seen++;
      kept.push(entry);
    }
    return kept;
  };
  const files = await glob([...options.patterns], {
    cwd: root.real,
    dot: true,
    followSymbolicLinks: false,
    onlyFiles: true,
    expandDirectories: false,
    signal: options.signal,
    // fdir calls readdir(path, { withFileTypes: true }, callback); nothing else needs replacing.
    fs: { readdir: filteredReaddir as unknown as typeof readdir },
  });
  return { files: files.sort(), truncated };
}

/** A glob is matched from the root: it may not start at "/" nor climb out with "..". */
export function checkPattern(pattern: string): void {
  if (isAbsolute(pattern) || /^[A-Za-z]:/.test(pattern) || pattern.split(/[\\/]/).includes('..')) {
    throw new WorkspacePathError(`The glob "${pattern}" must stay inside the workspace: no leading "/" and no "..".`);
  }
}
