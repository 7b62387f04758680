/**
 * One entry point for every manifest and lockfile kind. Files are hostile input: this never
 * throws, refuses files over a size cap, and turns any parser failure into a warning that names
 * the file, keeping whatever was read.
 */
import { parseCargoLock, parseCargoToml } from './cargo';
import { errorMessage } from './collector';
import { parseGoMod, parseGoSum } from './goMod';
import type { ManifestKind, ParseResult } from './model';
import { parseNpmLock } from './npmLock';
import { parsePackageJson } from './npmPackageJson';
import { parsePipfile, parsePipfileLock } from './pipfile';
import { parsePnpmLock } from './pnpmLock';
import { parsePoetryLock } from './poetryLock';
import { parsePom } from './pom';
import { parsePyproject } from './pyproject';
import { parseRequirements } from './requirements';
import { parseUvLock } from './uvLock';
import { parseYarnLock } from './yarnLock';

/** Larger than any real lockfile (a big monorepo's package-lock is a few MB). */
export const MAX_MANIFEST_BYTES = 20 * 1024 * 1024;

export interface ParseOptions {
  /**
   * The text of the manifest beside a lockfile that does not record which packages the project
   * asked for: package.json for yarn.lock and package-lock v1, pyproject.toml for poetry.lock,
   * Pipfile for Pipfile.lock, Cargo.toml for Cargo.lock. Ignored for other kinds.
   */
  companion?: string;
  /** Size cap in bytes (UTF-16 code units, which is close enough); default MAX_MANIFEST_BYTES. */
  maxBytes?: number;
}

/** The companion manifest each lockfile kind can use (see ParseOptions.companion). */
export const COMPANION_OF: Partial<Record<ManifestKind, ManifestKind>> = {
  'yarn.lock': 'package.json',
  'package-lock.json': 'package.json',
  'npm-shrinkwrap.json': 'package.json',
  'poetry.lock': 'pyproject.toml',
  'Pipfile.lock': 'Pipfile',
  'Cargo.lock': 'Cargo.toml',
};

export function parseManifest(kind: ManifestKind, text: string, path: string, options: ParseOptions = {}): ParseResult {
  const file = path.replace(/\\/g, '/');
  const cap = options.maxBytes ?? MAX_MANIFEST_BYTES;
  if (text.length > cap) {
    return { dependencies: [], warnings: [`${file}: not read: ${text.length} bytes is over the ${cap}-byte limit for a ${kind}`] };
  }
  const companion = options.companion;
  try {
    switch (kind) {
      case 'package.json':
        return parsePackageJson(text, file);
      case 'package-lock.json':
      case 'npm-shrinkwrap.json':
        return parseNpmLock(text, file, companion);
      case 'pnpm-lock.yaml':
        return parsePnpmLock(text, file);
      case 'yarn.lock':
        return parseYarnLock(text, file, companion);
      case 'requirements.txt': {
        const { dependencies, warnings, includes } = parseRequirements(text, file);
        return {
          dependencies,
          warnings: [...warnings, ...includes.map((inc) => `${file}: includes ${inc}, whose requirements are read only when that file is parsed too`)],
        };
      }
      case 'pyproject.toml':
        return parsePyproject(text, file);
      case 'poetry.lock':
        return parsePoetryLock(text, file, companion);
      case 'uv.lock':
        return parseUvLock(text, file);
      case 'Pipfile':
        return parsePipfile(text, file);
      case 'Pipfile.lock':
        return parsePipfileLock(text, file, companion);
      case 'go.mod':
        return parseGoMod(text, file);
      case 'go.sum':
        return parseGoSum(text, file);
      case 'Cargo.toml':
        return parseCargoToml(text, file);
      case 'Cargo.lock':
        return parseCargoLock(text, file, companion);
      case 'pom.xml':
        return parsePom(text, file);
      default:
        return { dependencies: [], warnings: [`${file}: ${String(kind)} is not a manifest kind this reader knows`] };
    }
  } catch (err) {
    // Parsers collect as they go; an unexpected failure still must not take the audit down.
    return { dependencies: [], warnings: [`${file}: could not be read: ${errorMessage(err)}`] };
  }
}
