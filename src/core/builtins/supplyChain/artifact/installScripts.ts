/**
 * What runs when `npm install` installs a package: the preinstall, install and postinstall
 * scripts, an implicit `node-gyp rebuild` when the package ships a binding.gyp and names no
 * install script, and `prepare` (which runs only for git and folder installs, so it weighs
 * less). For each command, the package files it runs, so their code can be read.
 */

export const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall'] as const;
export const MINOR_HOOKS = ['prepare'] as const;

export interface InstallHook {
  hook: string;
  command: string;
  /** Package files the command runs (node x.js, sh x.sh, ./x, python x.py). */
  runs: string[];
  /** true for the implicit node-gyp rebuild and for prepare (runs only for git and folder installs). */
  implicit?: boolean;
  minor?: boolean;
}

/**
 * The install-time commands of a manifest. `files`: the package's paths (relative to its root),
 * to tell a file argument from a flag or a word.
 */
export function installHooks(scripts: Record<string, unknown> | undefined, files: ReadonlySet<string>, gypfile: boolean | undefined): InstallHook[] {
  const out: InstallHook[] = [];
  const s = scripts ?? {};
  for (const hook of [...INSTALL_HOOKS, ...MINOR_HOOKS]) {
    const command = s[hook];
    if (typeof command !== 'string' || !command.trim()) continue;
    out.push({ hook, command: command.slice(0, 500), runs: filesRun(command, files), ...(hook === 'prepare' ? { minor: true } : {}) });
  }
  // npm adds "node-gyp rebuild" as the install script when binding.gyp is at the root and no
  // install or preinstall script is given (unless gypfile is false).
  if (files.has('binding.gyp') && gypfile !== false && typeof s['install'] !== 'string' && typeof s['preinstall'] !== 'string')
    out.push({ hook: 'install', command: 'node-gyp rebuild', runs: ['binding.gyp'], implicit: true });
  return out;
}

/** Files of the package a shell command names, in order. */
export function filesRun(command: string, files: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const raw of command.split(/\s+|&&|\|\||;|\|/)) {
    const token = raw.replace(/^["']|["']$/g, '').replace(/^\.\//, '');
    if (!token || token.startsWith('-')) continue;
    const candidates = [token, `${token}.js`, `${token}/index.js`];
    const hit = candidates.find((c) => files.has(c));
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}
