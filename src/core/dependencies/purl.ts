/**
 * Package URLs for dependencies, built with packageurl-js so normalisation follows the spec
 * (npm scope as `%40scope`, npm names lower-cased, PyPI names PEP 503-normalised).
 */
import { PackageURL } from 'packageurl-js';
import type { Ecosystem } from './model';

/** Normalised PyPI project name (PEP 503): lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePypiName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, '-');
}

/** The purl of a package; never throws (an unbuildable name falls back to a percent-encoded form). */
export function purlOf(ecosystem: Ecosystem, name: string, version?: string): string {
  const v = version || undefined;
  try {
    return build(ecosystem, name, v);
  } catch {
    // packageurl-js refuses an empty name; hostile lockfiles can hold one. Keep a readable purl.
    const type = PURL_TYPE[ecosystem];
    return `pkg:${type}/${encodeURIComponent(name)}${v ? `@${encodeURIComponent(v)}` : ''}`;
  }
}

const PURL_TYPE: Record<Ecosystem, string> = { npm: 'npm', PyPI: 'pypi', Go: 'golang', 'crates.io': 'cargo', Maven: 'maven' };

function build(ecosystem: Ecosystem, name: string, version: string | undefined): string {
  const type = PURL_TYPE[ecosystem];
  switch (ecosystem) {
    case 'npm': {
      // '@scope/name' → namespace '@scope', which the library encodes as %40scope.
      const slash = name.startsWith('@') ? name.indexOf('/') : -1;
      if (slash > 0) return new PackageURL(type, name.slice(0, slash), name.slice(slash + 1), version).toString();
      return new PackageURL(type, undefined, name, version).toString();
    }
    case 'Go': {
      const slash = name.lastIndexOf('/');
      if (slash > 0) return new PackageURL(type, name.slice(0, slash), name.slice(slash + 1), version).toString();
      return new PackageURL(type, undefined, name, version).toString();
    }
    case 'Maven': {
      const colon = name.indexOf(':');
      if (colon > 0) return new PackageURL(type, name.slice(0, colon), name.slice(colon + 1), version).toString();
      return new PackageURL(type, undefined, name, version).toString();
    }
    case 'PyPI':
      return new PackageURL(type, undefined, normalizePypiName(name), version).toString();
    case 'crates.io':
      return new PackageURL(type, undefined, name, version).toString();
  }
}
