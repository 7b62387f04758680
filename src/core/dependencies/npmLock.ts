/**
 * `package-lock.json` and `npm-shrinkwrap.json`. Versions 2 and 3 keep a flat `packages` map keyed
 * by install path (`node_modules/a/node_modules/b`), with `dev`, `optional`, `devOptional`,
 * `hasInstallScript` and workspace `link`s; version 1 only nests `dependencies`. A v2 file has
 * both, and `packages` is the richer, so it is preferred.
 */
import { z } from 'zod';
import { Collector } from './collector';
import { jsonLines, readJson, type LineOf } from './jsonText';
import type { ParseResult } from './model';
import { parseNpmLockV1 } from './npmLockV1';
import { declaredDependencies } from './npmPackageJson';
import { reachFrom, type Root } from './graph';

const LockPackage = z.looseObject({
  name: z.string().optional(),
  version: z.string().optional(),
  resolved: z.string().optional(),
  integrity: z.string().optional(),
  link: z.boolean().optional(),
  dev: z.boolean().optional(),
  optional: z.boolean().optional(),
  devOptional: z.boolean().optional(),
  hasInstallScript: z.boolean().optional(),
  dependencies: z.record(z.string(), z.unknown()).optional(),
  optionalDependencies: z.record(z.string(), z.unknown()).optional(),
  peerDependencies: z.record(z.string(), z.unknown()).optional(),
});
type LockPackage = z.infer<typeof LockPackage>;

const PACKAGES = new Set(['packages']);
const NESTED = new Set(['dependencies']);
const NM = 'node_modules/';

export function parseNpmLock(text: string, path: string, companion?: string): ParseResult {
  const c = new Collector(path, 'npm');
  const root = readJson(text, c);
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    c.warn('not a package-lock object');
    return c.result();
  }
  const packages = (root as Record<string, unknown>).packages;
  if (packages && typeof packages === 'object' && !Array.isArray(packages)) readPackages(packages as Record<string, unknown>, jsonLines(text, PACKAGES), c);
  else parseNpmLockV1(root as Record<string, unknown>, jsonLines(text, NESTED), c, companionNames(companion, c));
  return c.result();
}

/** The package name an install path ends in: `a/node_modules/@s/b` → `@s/b`. */
export function nameFromInstallPath(key: string): string {
  const at = key.lastIndexOf(NM);
  return at >= 0 ? key.slice(at + NM.length) : key;
}

function readPackages(raw: Record<string, unknown>, lineOf: LineOf, c: Collector): void {
  const entries = new Map<string, LockPackage>();
  for (const [key, value] of Object.entries(raw)) {
    const parsed = LockPackage.safeParse(value);
    if (parsed.success) entries.set(key, parsed.data);
    else {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
      c.warn(`packages["${key}"] is not a package entry${where}: ${issue?.message ?? 'unreadable'}`, lineOf(['packages', key]));
    }
  }

  // Node's resolution: from a package's folder, the nearest node_modules/<name> up the tree.
  const resolve = (from: string, name: string): string | undefined => {
    let dir = from;
    for (;;) {
      const candidate = dir ? `${dir}/${NM}${name}` : `${NM}${name}`;
      if (entries.has(candidate)) return followLink(candidate);
      if (!dir) return undefined;
      const at = dir.lastIndexOf(`/${NM}`);
      dir = at >= 0 ? dir.slice(0, at) : '';
    }
  };
  const followLink = (key: string): string => {
    const e = entries.get(key);
    return e?.link && e.resolved !== undefined && entries.has(e.resolved) ? e.resolved : key;
  };

  // The project and its workspaces are the folders that declare direct dependencies.
  const projects = [...entries.keys()].filter((k) => !k.includes(NM));
  const roots: Root[] = [];
  const direct = new Set<string>();
  for (const folder of projects) {
    for (const d of declaredDependencies(entries.get(folder))) {
      const node = resolve(folder, d.name);
      if (!node) continue;
      direct.add(node);
      roots.push({ node, name: d.name, dev: d.field === 'devDependencies' });
    }
  }
  const reach = reachFrom(roots, (key) => {
    const e = entries.get(key);
    const names = [...Object.keys(e?.dependencies ?? {}), ...Object.keys(e?.optionalDependencies ?? {}), ...Object.keys(e?.peerDependencies ?? {})];
    return names.map((n) => resolve(key, n)).filter((k): k is string => k !== undefined);
  });

  for (const [key, e] of entries) {
    if (!key.includes(NM) || e.link) continue; // the project, its workspaces, and links to them
    const name = e.name ?? nameFromInstallPath(key);
    if (!name) continue;
    if (e.version === undefined) c.warn(`packages["${key}"] has no version`, lineOf(['packages', key]));
    const via = reach.via.get(key);
    c.add({
      name,
      version: e.version,
      direct: direct.has(key),
      dev: e.dev === true,
      optional: e.optional === true || e.devOptional === true ? true : undefined,
      line: lineOf(['packages', key]),
      lockPath: key,
      hasInstallScript: e.hasInstallScript === true ? true : undefined,
      integrity: e.integrity,
      resolved: e.resolved,
      via: via && !direct.has(key) ? [...via].sort() : undefined,
    });
  }
}

/** The names a package.json beside a v1 lockfile declares (v1 itself does not record them). */
function companionNames(companion: string | undefined, c: Collector): Set<string> | undefined {
  if (companion === undefined) return undefined;
  try {
    return new Set(declaredDependencies(JSON.parse(companion)).map((d) => d.name));
  } catch {
    c.warn('the package.json beside it is not valid JSON; direct dependencies are unknown');
    return undefined;
  }
}
