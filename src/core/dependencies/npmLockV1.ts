/**
 * `package-lock.json` version 1 (npm 5 and 6): a tree of nested `dependencies`. It does not say
 * which entries the project asked for: with the names the package.json beside it declares, the
 * top-level entries of those names are direct; without them every entry stays transitive.
 */
import { z } from 'zod';
import type { Collector } from './collector';
import type { LineOf } from './jsonText';

const V1Entry = z.looseObject({
  version: z.string().optional(),
  resolved: z.string().optional(),
  integrity: z.string().optional(),
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  bundled: z.boolean().optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
});

/** Past this depth a v1 tree is hostile rather than real (npm flattens); stop descending. */
const MAX_DEPTH = 64;

export function parseNpmLockV1(root: Record<string, unknown>, lineOf: LineOf, c: Collector, declared?: ReadonlySet<string>): void {
  const top = root.dependencies;
  if (top === undefined) return;
  if (!top || typeof top !== 'object' || Array.isArray(top)) {
    c.warn('"dependencies" is not an object');
    return;
  }
  // Iterative, not recursive: a deeply nested hostile file must not overflow the stack.
  const stack: { deps: Record<string, unknown>; jsonPath: string[]; installPath: string; depth: number }[] = [
    { deps: top as Record<string, unknown>, jsonPath: ['dependencies'], installPath: '', depth: 0 },
  ];
  while (stack.length) {
    const { deps, jsonPath, installPath, depth } = stack.pop()!;
    for (const [key, value] of Object.entries(deps)) {
      const line = lineOf([...jsonPath, key]);
      const parsed = V1Entry.safeParse(value);
      if (!parsed.success) {
        c.warn(`dependencies["${key}"] is not a package entry`, line);
        continue;
      }
      const e = parsed.data;
      const lockPath = `${installPath}node_modules/${key}`;
      const { name, version, resolved } = versionOf(key, e.version, e.resolved);
      c.add({
        name,
        version,
        direct: depth === 0 && declared?.has(key) === true,
        dev: e.dev === true,
        optional: e.optional === true ? true : undefined,
        line,
        lockPath,
        integrity: e.integrity,
        resolved,
      });
      if (e.dependencies) {
        if (depth >= MAX_DEPTH) c.warn(`dependencies nested deeper than ${MAX_DEPTH} levels under ${lockPath}; not read further`, line);
        else stack.push({ deps: e.dependencies, jsonPath: [...jsonPath, key, 'dependencies'], installPath: `${lockPath}/`, depth: depth + 1 });
      }
    }
  }
}

/**
 * v1 writes an alias as `"version": "npm:real@1.0.0"` and a git or file dependency as its URL
 * in `version`: the real name and an exact version only when there is one.
 */
function versionOf(key: string, version: string | undefined, resolved: string | undefined): { name: string; version?: string; resolved?: string } {
  if (version?.startsWith('npm:')) {
    const spec = version.slice(4);
    const at = spec.lastIndexOf('@');
    if (at > 0) return { name: spec.slice(0, at), version: spec.slice(at + 1), resolved };
  }
  if (version && /^[a-z+]+:/i.test(version)) return { name: key, resolved: resolved ?? version };
  return { name: key, version, resolved };
}
