/**
 * Turns what a caller asked for (a package and version, a purl, or a commit) into one OSV query,
 * refusing the combinations OSV would reject with a bare "Invalid query" — with a reason instead.
 */
import type { OsvQuery } from './osvModel';
import { parsePurl, purlOsvEcosystem, purlPackageName } from './purl';
import { osvEcosystem } from './systems';

export interface PackageQueryInput {
  ecosystem?: string;
  name?: string;
  version?: string;
  purl?: string;
  commit?: string;
}

/** A package in OSV's terms, to pick its entries out of a vulnerability's `affected` list. */
export interface PackageRef {
  ecosystem: string;
  name: string;
}

export interface PreparedQuery {
  query: OsvQuery;
  /** How the answer names the query: "npm/lodash@4.17.15", a purl, "commit 1a2b3c…". */
  label: string;
  focus?: PackageRef;
}

const COMMIT = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i;

export function prepareOsvQuery(input: PackageQueryInput): PreparedQuery {
  const ecosystem = blankToUndefined(input.ecosystem);
  const name = blankToUndefined(input.name);
  const version = blankToUndefined(input.version);
  const purl = blankToUndefined(input.purl);
  const commit = blankToUndefined(input.commit);

  const kinds = [name || ecosystem ? 'a package' : '', purl ? 'a purl' : '', commit ? 'a commit' : ''].filter(Boolean);
  if (kinds.length === 0) throw new Error('Give one of: ecosystem and name (and optionally version), a purl such as pkg:npm/left-pad@1.3.0, or a commit hash.');
  if (kinds.length > 1) throw new Error(`Give only one of a package, a purl or a commit; this query has ${kinds.join(' and ')}.`);

  if (commit) {
    if (version) throw new Error('A commit query takes no version: the commit already pins the code.');
    if (!COMMIT.test(commit)) throw new Error(`"${commit}" is not a full commit hash: OSV matches 40-character (SHA-1) hashes only, not abbreviations.`);
    return { query: { commit: commit.toLowerCase() }, label: `commit ${commit.toLowerCase()}` };
  }

  if (purl) {
    const parsed = parsePurl(purl);
    if (parsed.version && version)
      throw new Error(`The purl already has version ${parsed.version}; drop the separate version (OSV rejects both), or drop it from the purl.`);
    const eco = purlOsvEcosystem(parsed);
    const focus = eco ? { ecosystem: eco, name: purlPackageName(parsed) } : undefined;
    return {
      query: { package: { purl }, ...(version ? { version } : {}) },
      label: version ? `${purl} (version ${version})` : purl,
      ...(focus ? { focus } : {}),
    };
  }

  if (!ecosystem)
    throw new Error(`Which ecosystem is "${name}" in? Give ecosystem too: npm, PyPI, Go, Maven, crates.io, NuGet, RubyGems, or another OSV ecosystem.`);
  if (!name) throw new Error('Give the package name as well as the ecosystem.');
  const eco = osvEcosystem(ecosystem);
  return {
    query: { package: { ecosystem: eco, name }, ...(version ? { version } : {}) },
    label: `${eco}/${name}${version ? `@${version}` : ''}`,
    focus: { ecosystem: eco, name },
  };
}

function blankToUndefined(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
