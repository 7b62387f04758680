import * as path from 'node:path';

/**
 * How a stdio connector's `command` is started, without a shell. On Linux and macOS the command
 * goes to spawn as it is (execvp searches PATH). On Windows, CreateProcess runs only .exe/.com
 * files, so `npx`, `uvx` and every npm-installed tool — `.cmd`/`.bat` shims — would fail with
 * ENOENT: the command is resolved here through PATH × PATHEXT, a program is started directly, and
 * a batch file through `cmd.exe /d /s /c "…"` with every argument escaped so cmd.exe treats it as
 * data (the escaping rules follow cross-spawn's, see below). Pure: the platform, the variables,
 * the working folder and a file test are arguments, so every platform is tested on any machine.
 */

export interface CommandResolutionInput {
  command: string;
  args: readonly string[];
  platform: NodeJS.Platform;
  /** The environment the process will get (its PATH, PATHEXT, COMSPEC, SystemRoot are used). */
  env: Readonly<Record<string, string | undefined>>;
  /** The process's working folder: relative commands and relative PATH entries resolve against it. */
  cwd: string;
  /** Whether a regular file exists at this path. */
  fileExists: (file: string) => boolean;
}

export type SpawnPlan =
  | {
      kind: 'spawn';
      /** What spawn() gets as its file and arguments. */
      file: string;
      args: string[];
      /** True when `args` are already quoted for cmd.exe and Node must pass them unchanged. */
      windowsVerbatimArguments: boolean;
      /** The program the command was resolved to, for logs (equal to `command` on POSIX). */
      resolved: string;
    }
  | {
      kind: 'error';
      /** ENOENT: nothing to run was found; EINVAL: it cannot be started safely as given. */
      code: 'ENOENT' | 'EINVAL';
      message: string;
    };

/** What Windows starts without a shell (.exe, .com) and what cmd.exe must start (.bat, .cmd). */
const DIRECT = new Set(['.exe', '.com']);
const BATCH = new Set(['.bat', '.cmd']);
const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD';

export function planSpawn(input: CommandResolutionInput): SpawnPlan {
  const { command, args, platform } = input;
  if (platform !== 'win32') return { kind: 'spawn', file: command, args: [...args], windowsVerbatimArguments: false, resolved: command };

  const resolved = resolveWindowsCommand(input);
  if (!resolved) {
    return {
      kind: 'error',
      code: 'ENOENT',
      message: `Command not found: "${command}" (searched PATH for ${candidateNames(command, runnableExtensions(input.env)).join(', ')}).`,
    };
  }
  const ext = path.win32.extname(resolved).toLowerCase();
  if (DIRECT.has(ext)) return { kind: 'spawn', file: resolved, args: [...args], windowsVerbatimArguments: false, resolved };
  return batchPlan(resolved, args, input.env);
}

/**
 * The absolute path of the program `command` names, or undefined. Unlike cmd.exe and libuv, the
 * working folder is not searched for a bare name: it is the workspace by default, and a cloned
 * repository must not be able to shadow `npx` with its own `npx.cmd`. `.\\tool.cmd` still works.
 */
export function resolveWindowsCommand(input: Omit<CommandResolutionInput, 'args' | 'platform'>): string | undefined {
  const { command, env, cwd, fileExists } = input;
  const exts = runnableExtensions(env);
  const names = candidateNames(command, exts);
  if (/[\\/]/.test(command) || /^[A-Za-z]:/.test(command)) {
    const base = path.win32.resolve(cwd, command);
    return names.map((n) => path.win32.join(path.win32.dirname(base), n)).find(fileExists);
  }
  for (const dir of pathEntries(getEnv(env, 'PATH'))) {
    const absolute = path.win32.resolve(cwd, dir);
    const hit = names.map((n) => path.win32.join(absolute, n)).find(fileExists);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * File names to try, in order: the name as given when its extension is one Windows can start,
 * else the name with each runnable PATHEXT extension (`npx` → npx.com, npx.exe, npx.bat, npx.cmd).
 */
function candidateNames(command: string, exts: readonly string[]): string[] {
  const base = path.win32.basename(command);
  const ext = path.win32.extname(base).toLowerCase();
  if (DIRECT.has(ext) || BATCH.has(ext)) return [base];
  return exts.map((e) => base + e);
}

/**
 * PATHEXT's extensions (any case, in its order) that can be started without a shell's file
 * associations: a `.js` or `.vbs` on PATHEXT would open in whatever program is associated with it.
 */
function runnableExtensions(env: CommandResolutionInput['env']): string[] {
  const listed = (getEnv(env, 'PATHEXT') || DEFAULT_PATHEXT)
    .split(';')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => DIRECT.has(e) || BATCH.has(e));
  const unique = [...new Set(listed)];
  return unique.length ? unique : DEFAULT_PATHEXT.toLowerCase().split(';');
}

/** Entries of a Windows PATH; an entry may be quoted ("C:\\Program Files\\x"), empty ones are skipped. */
function pathEntries(value: string | undefined): string[] {
  return (value ?? '')
    .split(';')
    .map((d) => d.trim().replace(/^"(.*)"$/, '$1'))
    .filter((d) => d !== '');
}

/** Windows variable names are case-insensitive: `Path` is PATH. */
function getEnv(env: CommandResolutionInput['env'], name: string): string | undefined {
  const upper = name.toUpperCase();
  for (const [key, value] of Object.entries(env)) if (key.toUpperCase() === upper && value !== undefined) return value;
  return undefined;
}

/**
 * A batch file runs as `cmd.exe /d /s /c "<line>"` (no AutoRun commands, outer quotes stripped).
 * The batch file's own path is quoted (carets do not escape inside a quoted command name, and
 * the quotes keep `&`, `(` or spaces in `C:\\Program Files (x86)` literal).
 */
function batchPlan(resolved: string, args: readonly string[], env: CommandResolutionInput['env']): SpawnPlan {
  // A line break ends the command for cmd.exe, and no escape exists for it.
  const broken = [resolved, ...args].findIndex((a) => /[\r\n]/.test(a));
  if (broken >= 0) {
    const what = broken === 0 ? 'its path' : `argument ${broken}`;
    return {
      kind: 'error',
      code: 'EINVAL',
      message: `${path.win32.basename(resolved)} is a batch file, and ${what} holds a line break, which cmd.exe cannot pass on.`,
    };
  }
  // `%NAME%` would be expanded even inside the quotes, and a quote cannot be in a file name anyway.
  if (/[%"]/.test(resolved)) {
    return {
      kind: 'error',
      code: 'EINVAL',
      message: `The path of the batch file "${resolved}" holds "%" or a quote, which cmd.exe would not read literally; move or rename it.`,
    };
  }
  const line = [`"${resolved}"`, ...args.map(escapeBatchArgument)].join(' ');
  return { kind: 'spawn', file: comSpec(env), args: ['/d', '/s', '/c', `"${line}"`], windowsVerbatimArguments: true, resolved };
}

/**
 * cmd.exe itself by absolute path: a bare `cmd.exe` would be searched for in the working folder
 * first, which a workspace controls.
 */
function comSpec(env: CommandResolutionInput['env']): string {
  const fromEnv = getEnv(env, 'COMSPEC');
  if (fromEnv && path.win32.isAbsolute(fromEnv) && /\\cmd\.exe$/i.test(fromEnv)) return fromEnv;
  const root = getEnv(env, 'SYSTEMROOT');
  return path.win32.join(root && path.win32.isAbsolute(root) ? root : 'C:\\Windows', 'System32', 'cmd.exe');
}

/** Characters cmd.exe interprets on a command line (robvanderwoude.com/escapechars.php, as in cross-spawn). */
const CMD_META = /[()\][%!^"`<>&|;, *?]/g;

/**
 * One argument for a batch file: quoted as the C runtime reads arguments (backslashes before a
 * quote doubled, the quote escaped, trailing backslashes doubled, the whole in quotes), then every
 * cmd.exe metacharacter — the quotes included, so cmd.exe never enters its quoted mode in which
 * `^` is literal — escaped with `^`, twice. Twice because a batch file forwards its arguments
 * with `%*` into a command line that cmd.exe parses again: the first `cmd /c` parse removes one
 * level and the batch line the second. cross-spawn doubles only for node_modules\\.bin shims;
 * with a single level, `npx.cmd` in Program Files would see `"a\\"&calc"` re-parsed with the `&`
 * outside quotes (the BatBadBut class of bug), so every batch file gets two levels here. A batch
 * file that reads `%~1` instead of forwarding `%*` would see the inner carets: safe, not pretty.
 */
export function escapeBatchArgument(arg: string): string {
  const quoted = quoteForCRuntime(arg);
  const once = quoted.replace(CMD_META, '^$&');
  return once.replace(CMD_META, '^$&');
}

/** The Microsoft C runtime's rules for one argument (CommandLineToArgvW reads it back unchanged). */
export function quoteForCRuntime(arg: string): string {
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    if (ch === '"') out += '\\'.repeat(backslashes * 2 + 1) + '"';
    else out += '\\'.repeat(backslashes) + ch;
    backslashes = 0;
  }
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}
