/**
 * The one typed dependency list every manifest and lockfile parser produces, whatever the
 * ecosystem, so the workspace connector, the dependency audit and SARIF all read the same shape.
 */

/** OSV's ecosystem names, so a dependency can be sent to OSV without translation. */
export type Ecosystem = 'npm' | 'PyPI' | 'Go' | 'crates.io' | 'Maven';

export interface Dependency {
  ecosystem: Ecosystem;
  /** As the ecosystem writes it: `@types/node`, `requests`, `github.com/gin-gonic/gin`, `org.slf4j:slf4j-api`. */
  name: string;
  /** Exact when a lockfile (or a `==` pin) gives it; absent when only a range is known. */
  version?: string;
  /** The range the manifest asks for (`^4.3.4`, `>=2.0`), when it is not an exact version. */
  range?: string;
  /** The project names it itself (not only something it depends on). */
  direct: boolean;
  /** Only needed for development (devDependencies, test scope, a dev group). */
  dev: boolean;
  /** Optional in the manifest or lockfile sense (optionalDependencies, npm `optional`). */
  optional?: boolean;
  /** A package URL: `pkg:npm/%40scope/name@1.2.3`, `pkg:pypi/django-rest@1.0`. */
  purl: string;
  /** The file it was read from, relative to the workspace root, with '/' separators. */
  manifest: string;
  /** 1-based line of the entry in that file, best effort (for SARIF and "open at line"). */
  line?: number;
  /** Where the lockfile keeps it: `node_modules/a/node_modules/b`, `/name@1.0.0`, `name@npm:^1`. */
  lockPath?: string;
  /** npm lockfiles v2/v3 record that the package runs install scripts. */
  hasInstallScript?: boolean;
  /** Subresource-integrity or checksum string as the lockfile gives it. */
  integrity?: string;
  /** Where it was fetched from (tarball URL, registry, git source) when the lockfile says. */
  resolved?: string;
  /** The direct dependencies that bring this one in, where the lockfile's graph tells. */
  via?: string[];
}

export type ManifestKind =
  | 'package.json'
  | 'package-lock.json'
  | 'npm-shrinkwrap.json'
  | 'pnpm-lock.yaml'
  | 'yarn.lock'
  | 'requirements.txt'
  | 'pyproject.toml'
  | 'poetry.lock'
  | 'uv.lock'
  | 'Pipfile'
  | 'Pipfile.lock'
  | 'go.mod'
  | 'go.sum'
  | 'Cargo.toml'
  | 'Cargo.lock'
  | 'pom.xml';

export interface Manifest {
  /** Relative to the workspace root, '/' separators. */
  path: string;
  kind: ManifestKind;
  ecosystem: Ecosystem;
  /** Pins exact versions (a lockfile) rather than asking for ranges (a manifest). */
  lockfile: boolean;
}

export interface ParseResult {
  dependencies: Dependency[];
  /** Each names the file and what could not be read; parsing goes on where it can. */
  warnings: string[];
}

export interface WorkspaceDependencies extends ParseResult {
  manifests: Manifest[];
}
