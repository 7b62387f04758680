/**
 * The package ecosystems the supply-chain tools understand, and how each service spells them:
 * OSV.dev says "PyPI" and "crates.io", deps.dev says "pypi" and "cargo", package URLs say "pypi"
 * and "cargo" but "golang" and "gem". One table, so a lookup in one vocabulary answers in the others.
 */

export const SYSTEMS = ['npm', 'pypi', 'go', 'maven', 'cargo', 'nuget', 'rubygems'] as const;
export type System = (typeof SYSTEMS)[number];

export interface SystemInfo {
  system: System;
  /** OSV's ecosystem name, case as OSV requires it. */
  osv: string;
  /** The package-URL type. */
  purl: string;
  /** How a package is named there, for tool descriptions and hints. */
  naming: string;
  /** deps.dev resolves dependency graphs for these only (GetDependencies). */
  hasDependencyGraph: boolean;
}

export const SYSTEM_TABLE: Readonly<Record<System, SystemInfo>> = {
  npm: { system: 'npm', osv: 'npm', purl: 'npm', naming: 'lodash, @types/node', hasDependencyGraph: true },
  pypi: { system: 'pypi', osv: 'PyPI', purl: 'pypi', naming: 'requests', hasDependencyGraph: true },
  go: { system: 'go', osv: 'Go', purl: 'golang', naming: 'github.com/gin-gonic/gin (module path)', hasDependencyGraph: true },
  maven: { system: 'maven', osv: 'Maven', purl: 'maven', naming: 'org.apache.commons:commons-text (groupId:artifactId)', hasDependencyGraph: true },
  cargo: { system: 'cargo', osv: 'crates.io', purl: 'cargo', naming: 'serde', hasDependencyGraph: true },
  nuget: { system: 'nuget', osv: 'NuGet', purl: 'nuget', naming: 'Newtonsoft.Json', hasDependencyGraph: false },
  rubygems: { system: 'rubygems', osv: 'RubyGems', purl: 'gem', naming: 'rails', hasDependencyGraph: false },
};

/** Every spelling a person or a model is likely to use, lower-cased, to the system. */
const ALIASES: ReadonlyMap<string, System> = new Map(
  SYSTEMS.flatMap((s) => {
    const info = SYSTEM_TABLE[s];
    return [s, info.osv, info.purl].map((alias) => [alias.toLowerCase(), s] as const);
  }).concat([
    ['golang', 'go'],
    ['crates', 'cargo'],
    ['rust', 'cargo'],
    ['gem', 'rubygems'],
    ['gems', 'rubygems'],
    ['python', 'pypi'],
  ]),
);

/** The system for any of its spellings ("PyPI", "crates.io", "golang", "gem" …), else undefined. */
export function systemOf(spelling: string): System | undefined {
  return ALIASES.get(spelling.trim().toLowerCase());
}

/**
 * The ecosystem to send to OSV: a known spelling becomes OSV's exact name; anything else (Debian:12,
 * Packagist, Hex, Pub, …) is passed through, since OSV covers more ecosystems than deps.dev.
 */
export function osvEcosystem(spelling: string): string {
  const system = systemOf(spelling);
  return system ? SYSTEM_TABLE[system].osv : spelling.trim();
}

/** The system for a package-URL type, if it is one of ours. */
export function systemOfPurlType(type: string): System | undefined {
  const t = type.toLowerCase();
  return SYSTEMS.find((s) => SYSTEM_TABLE[s].purl === t);
}

/**
 * A package name as one path segment: deps.dev wants `@types/node` as `%40types%2Fnode` and Go
 * module paths with their slashes encoded too, or the route does not match.
 */
export function encodePackageName(name: string): string {
  return encodeURIComponent(name);
}

/** The deps.dev web page a report can cite, for a package or one version of it. */
export function depsDevWebUrl(system: System, name: string, version?: string): string {
  const base = `https://deps.dev/${system}/${encodePackageName(name)}`;
  return version === undefined ? base : `${base}/${encodeURIComponent(version)}`;
}

/** The OSV page a report can cite for one vulnerability. */
export function osvWebUrl(id: string): string {
  return `https://osv.dev/vulnerability/${encodeURIComponent(id)}`;
}
