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

/**
 * A package-lock.json v3 of `direct` direct dependencies with `perDirect` leaves each (plus one
 * dev tool that shares the first leaf): 50 × 29 gives 1,501 packages, the size of a mid-sized app.
 */
export function generatedPackageLock(direct = 50, perDirect = 29): string {
  const rootDeps: Record<string, string> = {};
  const packages: Record<string, unknown> = { '': { name: 'big', dependencies: rootDeps, devDependencies: { 'dev-tool': '1.0.0' } } };
  for (let i = 0; i < direct; i++) rootDeps[`direct-${i}`] = '^1.0.0';
  for (let i = 0; i < direct; i++) {
    const deps: Record<string, string> = {};
    for (let j = 0; j < perDirect; j++) deps[`leaf-${i}-${j}`] = '^2.0.0';
    packages[`node_modules/direct-${i}`] = { version: '1.0.0', integrity: `sha512-${i}`, dependencies: deps };
    for (let j = 0; j < perDirect; j++) packages[`node_modules/leaf-${i}-${j}`] = { version: '2.0.1', integrity: `sha512-${i}-${j}` };
  }
  packages['node_modules/dev-tool'] = { version: '1.0.0', dev: true, dependencies: { 'leaf-0-0': '^2' } };
  return JSON.stringify({ name: 'big', lockfileVersion: 3, requires: true, packages }, null, 2);
}
