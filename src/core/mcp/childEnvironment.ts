/**
 * The environment a stdio server's process gets. Not ours: the parent of a server is an editor or
 * a CLI run that holds model keys, GitHub tokens, CONNECTOR_AUDITOR_SECRET_* values and cloud
 * credentials, and a connector file (above all a workspace's) can name any program. So a server
 * inherits only what programs need to run at all (the MCP SDK's list, as in its
 * getDefaultEnvironment, plus locale, time zone, temp folders, proxy and certificate settings),
 * then the connector's own `env`; anything more is the connector's explicit `inheritEnv`.
 * Pure: the platform and the parent's environment are arguments.
 */

/** `"all"` (the whole parent environment, as before) or the names of the extra variables to pass. */
export type InheritEnv = 'all' | readonly string[];

export interface ChildEnvironment {
  /** The complete environment for the process. */
  env: Record<string, string>;
  /** Names (as spelled in the parent) of the variables whose values come from the parent, sorted. */
  inherited: string[];
}

/** The MCP SDK's DEFAULT_INHERITED_ENV_VARS for POSIX ("inspired by the default env inheritance of sudo"). */
const SDK_POSIX = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'];
/** The SDK's list for Windows. */
const SDK_WIN32 = [
  'APPDATA',
  'HOMEDRIVE',
  'HOMEPATH',
  'LOCALAPPDATA',
  'PATH',
  'PROCESSOR_ARCHITECTURE',
  'SYSTEMDRIVE',
  'SYSTEMROOT',
  'TEMP',
  'USERNAME',
  'USERPROFILE',
  'PROGRAMFILES',
];

/**
 * What servers legitimately need beyond the SDK's list: text encoding and time zone, a temp
 * folder, the way out through a corporate proxy, and the corporate CA (without which every
 * HTTPS call of a server fails behind a TLS-inspecting proxy). Proxy URLs may carry a proxy
 * password; passing them is what every MCP host does, and servers need the network.
 */
const NEEDED_EVERYWHERE = [
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'REQUESTS_CA_BUNDLE',
  'CURL_CA_BUNDLE',
];
/** Where uv, pip, npm and friends keep caches and settings on Linux (their absence means a cold cache per start). */
const NEEDED_POSIX = ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_RUNTIME_DIR'];
/**
 * Windows programs expect these: cmd.exe and the npm shims (npx.cmd) need PATHEXT and COMSPEC to
 * find `node`, and many programs look up WINDIR, PROGRAMDATA or the 32-bit Program Files.
 */
const NEEDED_WIN32 = ['PATHEXT', 'COMSPEC', 'WINDIR', 'PROGRAMDATA', 'PROGRAMFILES(X86)', 'PROGRAMW6432', 'COMMONPROGRAMFILES'];

/** Prefixes passed along like the names above (LC_ALL, LC_CTYPE, …). */
const NEEDED_PREFIXES = ['LC_'];

/** The variables a server gets from its parent when the connector says nothing, for this platform. */
export function defaultInheritedNames(platform: NodeJS.Platform): readonly string[] {
  return platform === 'win32' ? [...SDK_WIN32, ...NEEDED_WIN32, ...NEEDED_EVERYWHERE] : [...SDK_POSIX, ...NEEDED_POSIX, ...NEEDED_EVERYWHERE];
}

export function childEnvironment(
  platform: NodeJS.Platform,
  parentEnv: Readonly<Record<string, string | undefined>>,
  connectorEnv: Readonly<Record<string, string>> | undefined,
  inheritEnv: InheritEnv | undefined,
): ChildEnvironment {
  // Windows variable names are case-insensitive (the parent may spell it `Path`); POSIX ones are not.
  const fold = platform === 'win32' ? (name: string) => name.toUpperCase() : (name: string) => name;
  const defaults = new Set(defaultInheritedNames(platform).map(fold));
  const prefixes = NEEDED_PREFIXES.map(fold);
  const asked = new Set(inheritEnv === 'all' || inheritEnv === undefined ? [] : inheritEnv.map(fold));

  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parentEnv)) {
    if (value === undefined) continue;
    const key = fold(name);
    // Named by the person: passed as it is. By default: skipped when it looks like an exported
    // shell function, as the SDK does (Shellshock-style values are never needed by a server).
    const wanted = inheritEnv === 'all' || asked.has(key);
    const byDefault = (defaults.has(key) || prefixes.some((p) => key.startsWith(p))) && !value.startsWith('()');
    if (wanted || byDefault) env[name] = value;
  }

  // The connector's own variables win, and on Windows replace any spelling of the same name, so
  // the process never gets both `Path` and `PATH` (which one it would read is not defined).
  for (const [name, value] of Object.entries(connectorEnv ?? {})) {
    const key = fold(name);
    for (const existing of Object.keys(env)) if (existing !== name && fold(existing) === key) delete env[existing];
    env[name] = value;
  }

  const own = new Set(Object.keys(connectorEnv ?? {}).map(fold));
  const inherited = Object.keys(env)
    .filter((name) => !own.has(fold(name)))
    .sort();
  return { env, inherited };
}

/** Compares inheritEnv settings for what a person approved: order and (on Windows) case are not meaning. */
export function normalizedInheritEnv(inheritEnv: InheritEnv | undefined): InheritEnv | undefined {
  if (inheritEnv === undefined || inheritEnv === 'all') return inheritEnv;
  // An empty list is the default, so it keeps the approvals given before the field existed.
  return inheritEnv.length ? [...new Set(inheritEnv)].sort() : undefined;
}
