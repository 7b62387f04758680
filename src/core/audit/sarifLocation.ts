import type { System } from '../builtins/supplyChain/systems';
import { detectManifest, MANIFEST_KINDS } from '../dependencies/detect';
import type { TargetKind } from '../evidence/check';
import type { Finding } from './report';
import type { AuditTarget } from './target';

/**
 * Where a SARIF result points: a file of the repository being scanned, by a path relative to its
 * root. GitHub code scanning resolves relative paths against the repository root, rejects a result
 * without a location ("expected at least one location") and rejects URI schemes it does not know,
 * so every result needs a repository path, even for a finding that names no file.
 */

/**
 * A location's path as the repository knows it: '/' separators, no leading './'. Undefined when
 * it cannot be a file in the repository (absolute, a drive, a URL, or climbing out with '..'):
 * GitHub resolves relative paths against the repository root and rejects other URI schemes.
 */
export function repositoryPath(raw: string): string | undefined {
  const p = raw
    .trim()
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '');
  if (!p || p.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(p)) return undefined;
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return parts.join('/');
}

/** Each segment percent-encoded, so a space, '#' or '%' in a file name stays part of the path. */
export function uriOf(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

const SYSTEM_MANIFEST: Partial<Record<System, string>> = {
  npm: 'package.json',
  pypi: 'requirements.txt',
  go: 'go.mod',
  cargo: 'Cargo.toml',
  maven: 'pom.xml',
  rubygems: 'Gemfile',
};

/**
 * Where a finding without a file of its own is shown. GitHub rejects a result without a location
 * ("expected at least one location") or with one outside the repository, so each needs a
 * repository file, and one a reader can make sense of: the caller's anchor; else a manifest other
 * findings of this audit are in (the audited project's manifest before its lockfile, the
 * shallowest first); else the file that declares what was audited — `.vscode/connectors.json` for
 * a connector, the package's ecosystem manifest for a package, `package.json` for a workspace or
 * its dependencies; else (a repository audit) `README.md`, which nearly every repository has. The
 * result's message says the audit named no file.
 */
export function anchorOf(findings: readonly Finding[], given: string | undefined, kind: TargetKind | undefined, target: AuditTarget | undefined): string {
  const fromCaller = given ? repositoryPath(given) : undefined;
  if (fromCaller) return fromCaller;
  const manifests = [...new Set(findings.flatMap((f) => (f.location ? [repositoryPath(f.location.path)] : [])))]
    .filter((p): p is string => p !== undefined)
    .flatMap((p) => {
      const manifest = detectManifest(p);
      return manifest ? [{ p, lock: MANIFEST_KINDS[manifest].lockfile, depth: p.split('/').length }] : [];
    })
    .sort((a, b) => Number(a.lock) - Number(b.lock) || a.depth - b.depth || a.p.localeCompare(b.p));
  if (manifests.length) return manifests[0].p;
  switch (kind) {
    case 'connector':
      return '.vscode/connectors.json';
    case 'package':
      return SYSTEM_MANIFEST[target?.kind === 'package' ? target.system : 'npm'] ?? 'README.md';
    case 'workspace':
    case 'dependencies':
      return 'package.json';
    default:
      return 'README.md';
  }
}
