/**
 * Which registry a package is read from, the way the person's own tools would: npm follows
 * `registry=` and `@scope:registry=` in .npmrc (the project's over the user's, `npm_config_registry`
 * over both), pip follows `PIP_INDEX_URL`'s host when it serves PyPI's JSON API. A
 * `CONNECTOR_AUDITOR_*` variable overrides all of it (a mirror, a proxy, the test fakes). Pure:
 * the caller reads the files (registryConfig.ts). Auth tokens in .npmrc are never read here.
 */

export const NPM_REGISTRY_VARIABLE = 'CONNECTOR_AUDITOR_NPM_REGISTRY_URL';
export const PYPI_VARIABLE = 'CONNECTOR_AUDITOR_PYPI_URL';
export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';
export const DEFAULT_PYPI = 'https://pypi.org';

export interface RegistryLocations {
  npm: { registry: string; scopes: Record<string, string>; from: string };
  /** The JSON API's base (GET {base}/pypi/NAME/json). */
  pypi: { url: string; from: string };
}

export interface RegistrySettings {
  env: Readonly<Record<string, string | undefined>>;
  /** The project's .npmrc text (only when the workspace is trusted). */
  projectNpmrc?: string;
  /** ~/.npmrc text. */
  userNpmrc?: string;
}

export interface Npmrc {
  registry?: string;
  scopes: Record<string, string>;
}

/** `key=value` lines; `;` and `#` comments; `${VAR}` expanded from the environment as npm does. */
export function parseNpmrc(text: string, env: Readonly<Record<string, string | undefined>>): Npmrc {
  const out: Npmrc = { scopes: {} };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = expand(
      line
        .slice(eq + 1)
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2'),
      env,
    );
    const url = httpUrl(value);
    if (!url) continue;
    if (key === 'registry') out.registry = url;
    const scope = /^(@[^:]+):registry$/.exec(key);
    if (scope) out.scopes[scope[1].toLowerCase()] = url;
  }
  return out;
}

export function registryLocations(settings: RegistrySettings): RegistryLocations {
  const { env } = settings;
  const user = settings.userNpmrc !== undefined ? parseNpmrc(settings.userNpmrc, env) : { scopes: {} };
  const project = settings.projectNpmrc !== undefined ? parseNpmrc(settings.projectNpmrc, env) : { scopes: {} };
  const override = httpUrl(env[NPM_REGISTRY_VARIABLE]?.trim() ?? '');
  const npmEnv = httpUrl((env['npm_config_registry'] ?? env['NPM_CONFIG_REGISTRY'] ?? '').trim());
  let npm: RegistryLocations['npm'];
  if (override) npm = { registry: override, scopes: {}, from: NPM_REGISTRY_VARIABLE };
  else {
    const registry = npmEnv ?? project.registry ?? user.registry;
    const from = npmEnv ? 'npm_config_registry' : project.registry ? 'the project .npmrc' : user.registry ? '~/.npmrc' : 'the default';
    npm = { registry: registry ?? DEFAULT_NPM_REGISTRY, scopes: { ...user.scopes, ...project.scopes }, from };
  }

  const pypiOverride = httpUrl(env[PYPI_VARIABLE]?.trim() ?? '');
  const fromIndex = pypiJsonBase(env['PIP_INDEX_URL'] ?? '');
  const pypi = pypiOverride
    ? { url: pypiOverride, from: PYPI_VARIABLE }
    : fromIndex
      ? { url: fromIndex, from: 'PIP_INDEX_URL' }
      : { url: DEFAULT_PYPI, from: 'the default' };
  return { npm, pypi };
}

/** The registry that serves one npm name: its scope's, else the default. */
export function npmRegistryFor(locations: RegistryLocations, name: string): string {
  const scope = /^(@[^/]+)\//.exec(name)?.[1]?.toLowerCase();
  return (scope && locations.npm.scopes[scope]) || locations.npm.registry;
}

/**
 * The JSON API base behind a simple index URL: https://pypi.org/simple → https://pypi.org (and
 * the same for any index laid out like PyPI's, such as test.pypi.org or a proxy that mirrors
 * both). Credentials in the URL are dropped. An index whose path does not end in /simple has no
 * JSON API we can guess: undefined.
 */
export function pypiJsonBase(indexUrl: string): string | undefined {
  const url = safeUrl(indexUrl.trim());
  if (!url) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  if (!/(^|\/)simple$/.test(path)) return undefined;
  return `${url.protocol}//${url.host}${path.replace(/\/?simple$/, '')}`;
}

function expand(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\{([^}]+)\}/g, (_, name: string) => env[name] ?? '');
}

/** An http(s) URL without credentials and trailing slashes, or undefined. */
function httpUrl(value: string): string | undefined {
  const url = safeUrl(value);
  if (!url) return undefined;
  return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
}

function safeUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
