/**
 * Which manifest or lockfile a path is, from its file name alone (no reading), so a workspace
 * walk can pick the files worth parsing without opening every file.
 */
import type { Ecosystem, ManifestKind } from './model';

interface KindInfo {
  ecosystem: Ecosystem;
  lockfile: boolean;
}

export const MANIFEST_KINDS: Readonly<Record<ManifestKind, KindInfo>> = {
  'package.json': { ecosystem: 'npm', lockfile: false },
  'package-lock.json': { ecosystem: 'npm', lockfile: true },
  'npm-shrinkwrap.json': { ecosystem: 'npm', lockfile: true },
  'pnpm-lock.yaml': { ecosystem: 'npm', lockfile: true },
  'yarn.lock': { ecosystem: 'npm', lockfile: true },
  'requirements.txt': { ecosystem: 'PyPI', lockfile: false },
  'pyproject.toml': { ecosystem: 'PyPI', lockfile: false },
  'poetry.lock': { ecosystem: 'PyPI', lockfile: true },
  'uv.lock': { ecosystem: 'PyPI', lockfile: true },
  Pipfile: { ecosystem: 'PyPI', lockfile: false },
  'Pipfile.lock': { ecosystem: 'PyPI', lockfile: true },
  'go.mod': { ecosystem: 'Go', lockfile: false },
  'go.sum': { ecosystem: 'Go', lockfile: true },
  'Cargo.toml': { ecosystem: 'crates.io', lockfile: false },
  'Cargo.lock': { ecosystem: 'crates.io', lockfile: true },
  'pom.xml': { ecosystem: 'Maven', lockfile: false },
};

const EXACT = new Set<string>(Object.keys(MANIFEST_KINDS).filter((k) => k !== 'requirements.txt'));

/** `requirements.txt`, `requirements-dev.txt`, `requirements_test.txt`, `dev-requirements.txt`. */
const REQUIREMENTS_NAME = /^(?:[\w.-]*[-_.])?requirements(?:[-_.][\w.-]*)?\.txt$/i;

/** The kind of manifest at `relativePath` ('/' or '\\' separators), or undefined for any other file. */
export function detectManifest(relativePath: string): ManifestKind | undefined {
  const parts = relativePath.split(/[\\/]/).filter(Boolean);
  const name = parts.at(-1);
  if (!name) return undefined;
  // Vendored and installed trees hold other projects' manifests, not this project's dependencies.
  if (parts.slice(0, -1).some((p) => p === 'node_modules' || p === '.git')) return undefined;
  if (EXACT.has(name)) return name as ManifestKind;
  if (REQUIREMENTS_NAME.test(name)) return 'requirements.txt';
  // A requirements/ folder holds one file per environment: requirements/base.txt, requirements/dev.txt.
  if (parts.at(-2)?.toLowerCase() === 'requirements' && /\.txt$/i.test(name)) return 'requirements.txt';
  return undefined;
}
