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
  supply_chain: 'Vulnerabilities (OSV.dev), package data (deps.dev), OpenSSF Scorecard',
  workspace: 'The open folder, read-only: files, code search, install scripts, CI workflows, secrets (masked)',
};
