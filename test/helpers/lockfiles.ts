// Fixture manifests and lockfiles (test/fixtures/lockfiles), and small lookups over parse results.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependency } from '../../src/core/dependencies';

export const LOCKFILES = join(__dirname, '..', 'fixtures', 'lockfiles');

export function fixture(relative: string): string {
  return readFileSync(join(LOCKFILES, relative), 'utf8');
}

/** The one dependency with this name (and version, when given); throws when there is not exactly one. */
export function one(deps: readonly Dependency[], name: string, version?: string): Dependency {
  const found = deps.filter((d) => d.name === name && (version === undefined || d.version === version));
  if (found.length !== 1) throw new Error(`expected one ${name}${version ? `@${version}` : ''}, found ${found.length}: ${JSON.stringify(found)}`);
  return found[0];
}

export function names(deps: readonly Dependency[]): string[] {
  return deps.map((d) => (d.version ? `${d.name}@${d.version}` : d.name)).sort();
}
