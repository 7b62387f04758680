/**
 * `package.json`: the dependencies a project (or workspace package) asks for, as ranges. A range
 * is not a version, so `version` is set only when the spec is one exact version.
 */
import { valid } from 'semver';
import { z } from 'zod';
import { Collector } from './collector';
import { jsonLines, readJson } from './jsonText';
import type { ParseResult } from './model';

/** The dependency fields in the order a name is classified: the first field that lists it wins. */
export const NPM_DEPENDENCY_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'devDependencies'] as const;
export type NpmDependencyField = (typeof NPM_DEPENDENCY_FIELDS)[number];

const SpecMap = z.record(z.string(), z.unknown());

export interface DeclaredDependency {
  name: string;
  spec: string;
  field: NpmDependencyField;
}

/**
 * The names an untyped package.json-shaped object declares (also a lockfile's root entry), each
 * once: a name in both `dependencies` and `devDependencies` counts as production, and a peer that
 * is also a dev dependency (how libraries test against their peers) counts as dev.
 */
export function declaredDependencies(pkg: unknown): DeclaredDependency[] {
  const byName = new Map<string, DeclaredDependency>();
  const devNames = new Set(Object.keys(specMap(pkg, 'devDependencies')));
  for (const field of NPM_DEPENDENCY_FIELDS) {
    for (const [name, spec] of Object.entries(specMap(pkg, field))) {
      if (byName.has(name) || typeof spec !== 'string') continue;
      if (field === 'peerDependencies' && devNames.has(name)) continue;
      byName.set(name, { name, spec, field });
    }
  }
  return [...byName.values()];
}

function specMap(pkg: unknown, field: string): Record<string, unknown> {
  const parsed = SpecMap.safeParse(pkg && typeof pkg === 'object' ? (pkg as Record<string, unknown>)[field] : undefined);
  return parsed.success ? parsed.data : {};
}

const INDEXED = new Set<string>(NPM_DEPENDENCY_FIELDS);

export function parsePackageJson(text: string, path: string): ParseResult {
  const c = new Collector(path, 'npm');
  const value = readJson(text, c);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    c.warn('not a package.json object');
    return c.result();
  }
  const lineOf = jsonLines(text, INDEXED);
  for (const d of declaredDependencies(value)) {
    const exact = valid(d.spec);
    c.add({
      name: d.name,
      version: exact ?? undefined,
      range: exact ? undefined : d.spec,
      direct: true,
      dev: d.field === 'devDependencies',
      optional: d.field === 'optionalDependencies' ? true : undefined,
      line: lineOf([d.field, d.name]),
    });
  }
  return c.result();
}
