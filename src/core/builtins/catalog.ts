/**
 * The connectors that ship with the extension. Data only (names and what the tree says about
 * them), so the registry can list them without loading Octokit or an HTML parser; the servers
 * themselves are built on first connect (see builtinServers.ts).
 */

export const BUILTIN_NAMES = ['github', 'web', 'supply_chain', 'workspace'] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

export function isBuiltinName(name: string): name is BuiltinName {
  return (BUILTIN_NAMES as readonly string[]).includes(name);
}

export const BUILTIN_DESCRIPTIONS: Record<BuiltinName, string> = {
  github: 'GitHub: repository facts, code, history, releases, contributors, issues, advisories, SBOM',
  web: 'Web search and readable pages (private addresses refused)',
  supply_chain: 'Vulnerabilities (OSV.dev), package data (deps.dev), OpenSSF Scorecard, npm and PyPI releases and their files',
  workspace: 'The open folder, read-only: files, code search, install scripts, CI workflows, secrets (masked)',
};

/**
 * Built-ins an audit gets only when asked for by name (the chat's connector picker, `--connectors`):
 * the workspace connector reads local files, which an audit of someone else's repository has no
 * reason to send to the model — and the CLI's folder may be the person's home.
 */
const OPT_IN: readonly BuiltinName[] = ['workspace'];

/** Whether an enabled connector joins an audit that did not name its connectors. */
export function attachedByDefault(connector: { builtin?: { name: string } }): boolean {
  return !connector.builtin || !(OPT_IN as readonly string[]).includes(connector.builtin.name);
}
