import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * What the tools leave out, as git does: `.git/` and `node_modules/` always, and whatever the
 * `.gitignore` files say — the root's and every nested one, each relative to its own folder, a
 * deeper file overriding a shallower one and the last matching pattern winning (the `ignore`
 * package implements the pattern semantics). As in git, a file inside an ignored folder cannot be
 * re-included: walks never enter an ignored folder, and a named path is checked folder by folder.
 */

export const ALWAYS_LEFT_OUT: ReadonlySet<string> = new Set(['.git', 'node_modules']);

// A .gitignore larger than this is not a list of patterns someone wrote; its head is used.
const MAX_GITIGNORE_BYTES = 256 * 1024;

export class IgnoreRules {
  /** Folder (relative, '' for the root) → its .gitignore rules, or null when it has none. */
  private readonly levels = new Map<string, Promise<Ignore | null>>();

  constructor(private readonly rootReal: string) {}

  /** Whether one entry is left out, given that its parent folders are not. */
  async ignoresEntry(rel: string, isDir: boolean): Promise<boolean> {
    const segments = rel.split('/');
    if (ALWAYS_LEFT_OUT.has(segments[segments.length - 1])) return true;
    let ignored = false;
    // Each folder from the root down to the entry's parent may have a .gitignore; deeper ones win.
    for (let depth = 0; depth < segments.length; depth++) {
      const rules = await this.rulesOf(segments.slice(0, depth).join('/'));
      if (!rules) continue;
      const result = rules.test(segments.slice(depth).join('/') + (isDir ? '/' : ''));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }

  /** Whether a path is left out: any folder on the way, or the entry itself. */
  async ignoresPath(rel: string, isDir: boolean): Promise<boolean> {
    if (!rel) return false;
    const segments = rel.split('/');
    for (let i = 1; i < segments.length; i++) {
      if (await this.ignoresEntry(segments.slice(0, i).join('/'), true)) return true;
    }
    return this.ignoresEntry(rel, isDir);
  }

  private rulesOf(dirRel: string): Promise<Ignore | null> {
    let rules = this.levels.get(dirRel);
    if (!rules) {
      rules = readGitignore(join(this.rootReal, dirRel, '.gitignore'));
      this.levels.set(dirRel, rules);
    }
    return rules;
  }
}

async function readGitignore(file: string): Promise<Ignore | null> {
  let text: string;
  try {
    text = (await readFile(file)).subarray(0, MAX_GITIGNORE_BYTES).toString('utf8');
  } catch {
    return null; // none here (or unreadable, which git would also skip)
  }
  return ignore().add(text);
}
