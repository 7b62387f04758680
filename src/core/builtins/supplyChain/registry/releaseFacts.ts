/**
 * One release as both registries describe it, in one shape: who published it and when, what it
 * runs at install according to the registry, its provenance and its artifacts. The npm and PyPI
 * readers fill it; releaseDiff.ts compares two of them.
 */

export type Ecosystem = 'npm' | 'pypi';

export interface ArtifactRef {
  url: string;
  filename: string;
  kind: 'npm-tarball' | 'sdist-tar' | 'sdist-zip' | 'wheel';
  size?: number;
  /** npm: SRI string. */
  integrity?: string;
  /** npm: legacy SHA-1 hex. */
  shasum?: string;
  /** PyPI: sha256 hex. */
  sha256?: string;
  uploaded?: string;
  yanked?: boolean;
}

export interface ReleaseFacts {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** ISO time of publication (npm `time[v]`; PyPI the earliest file upload). */
  published?: string;
  /** npm `_npmUser.name`; PyPI does not say who uploaded a release. */
  publisher?: string;
  /** npm: the version document's maintainers; PyPI: the project's current owners and maintainers. */
  maintainers: string[];
  /** npm: install-time scripts of the version document. */
  installScripts: Record<string, string>;
  hasInstallScript?: boolean;
  /** npm: dist.attestations (SLSA provenance published with the version); PyPI: unknown (null). */
  provenance: { present: boolean; predicateType?: string; url?: string } | null;
  deprecated?: string;
  yanked?: { reason?: string };
  license?: string;
  repository?: string;
  artifacts: ArtifactRef[];
  fileCount?: number;
  unpackedSize?: number;
}

export interface PackageOverview {
  ecosystem: Ecosystem;
  name: string;
  /** The registry that answered (base URL). */
  registry: string;
  versionCount: number;
  latest?: string;
  firstPublished?: string;
  /** What the registry's web page for the release is, to cite. */
  pageUrl: (version: string) => string;
  /** The API document the facts came from, to cite. */
  documentUrl: string;
}
