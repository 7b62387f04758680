/**
 * Settings that guard the person (which tools ask first, whether a repository's connectors load)
 * may be made stricter by a workspace but never looser: a cloned repository's
 * `.vscode/settings.json` is written by whoever wrote the repository. The user's own value (or
 * the default) is the floor; a workspace value at or above it applies, one below it is ignored and
 * reported so the person can see why.
 */

/** What `WorkspaceConfiguration.inspect` returns, without the vscode types. */
export interface SettingLayers {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export interface IgnoredValue<T> {
  scope: 'workspace' | 'workspaceFolder';
  value: T;
}

export interface TightenOnlyResult<T> {
  value: T;
  /** Workspace values that would have loosened the setting. */
  ignored: IgnoredValue<T>[];
}

/**
 * @param strictness the values in order from loosest to strictest; anything else is not a value
 * of this setting and falls back to the layer below.
 */
export function tightenOnly<T>(layers: SettingLayers, strictness: readonly T[], fallback: T): TightenOnlyResult<T> {
  const rank = (v: unknown) => strictness.indexOf(v as T);
  const known = (v: unknown): v is T => rank(v) >= 0;
  let value: T = known(layers.globalValue) ? layers.globalValue : known(layers.defaultValue) ? layers.defaultValue : fallback;
  const floor = rank(value);
  const ignored: IgnoredValue<T>[] = [];
  for (const scope of ['workspace', 'workspaceFolder'] as const) {
    const candidate = scope === 'workspace' ? layers.workspaceValue : layers.workspaceFolderValue;
    if (!known(candidate)) continue;
    if (rank(candidate) < floor) ignored.push({ scope, value: candidate });
    else if (rank(candidate) > rank(value)) value = candidate;
  }
  return { value, ignored };
}
