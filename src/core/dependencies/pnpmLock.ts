/**
 * `pnpm-lock.yaml`, lockfile versions 5 to 9. Importers (the project and its workspaces) name the
 * direct dependencies; `packages` (v5/v6) or `snapshots` (v9) hold the graph, keyed
 * `/name@1.0.0(peer@2.0.0)` (v6), `name@1.0.0(peer@2.0.0)` (v9) or `/name/1.0.0_peer@2.0.0` (v5).
 * v9 no longer marks `dev`, so dev-only is computed: no production importer dependency reaches it.
 */
import { Collector, obj, str } from './collector';
import { reachFrom, type Root } from './graph';
import type { ParseResult } from './model';
import { readYaml } from './yamlText';

const DEP_FIELDS = ['dependencies', 'optionalDependencies', 'devDependencies'] as const;
const EDGE_FIELDS = ['dependencies', 'optionalDependencies'] as const;

/** Name and version of a pnpm package key, peers and leading '/' removed. */
export function splitPnpmKey(key: string): { name: string; version: string; base: string } {
  let k = key.startsWith('/') ? key.slice(1) : key;
  const paren = k.indexOf('(');
  if (paren > 0) k = k.slice(0, paren);
  // v5: name/version_peers (a scope keeps its own slash: @s/name/1.0.0_react@18.0.0).
  const v5 = /^((?:@[^/@]+\/)?[^/@]+)\/(\d[^/_]*)(?:_.*)?$/.exec(k);
  if (v5) return { name: v5[1], version: v5[2], base: `${v5[1]}@${v5[2]}` };
  const at = k.indexOf('@', 1);
  if (at > 0) return { name: k.slice(0, at), version: k.slice(at + 1), base: k };
  return { name: k, version: '', base: k };
}

export function parsePnpmLock(text: string, path: string): ParseResult {
  const c = new Collector(path, 'npm');
  const doc = readYaml(text, c, ['packages', 'snapshots']);
  const lock = obj(doc.value);
  if (!lock) {
    if (doc.value !== undefined) c.warn('not a pnpm lockfile (expected a map at the top)');
    return c.result();
  }
  const packages = obj(lock, 'packages') ?? {};
  const snapshots = obj(lock, 'snapshots');
  const graph = snapshots ?? packages;
  const graphSection = snapshots ? 'snapshots' : 'packages';

  const nodeOf = (name: string, ref: string): string | undefined => {
    for (const candidate of [ref, `/${ref}`, `${name}@${ref}`, `/${name}@${ref}`, `/${name}/${ref}`]) {
      if (Object.hasOwn(graph, candidate)) return candidate;
    }
    return undefined;
  };
  const refOf = (v: unknown): string | undefined => (typeof v === 'string' ? v : str(v, 'version'));

  // v6+ single projects keep the importer's fields at the top; workspaces have `importers`.
  const importers = obj(lock, 'importers') ?? { '.': lock };
  const roots: Root[] = [];
  const direct = new Set<string>();
  for (const importer of Object.values(importers)) {
    for (const field of DEP_FIELDS) {
      for (const [name, spec] of Object.entries(obj(importer, field) ?? {})) {
        const ref = refOf(spec);
        const node = ref && !ref.startsWith('link:') ? nodeOf(name, ref) : undefined;
        if (!node) continue;
        direct.add(node);
        roots.push({ node, name, dev: field === 'devDependencies' });
      }
    }
  }
  const reach = reachFrom(roots, (node) => {
    const out: string[] = [];
    for (const field of EDGE_FIELDS) {
      for (const [name, ref] of Object.entries(obj(graph[node], field) ?? {})) {
        const child = typeof ref === 'string' ? nodeOf(name, ref) : undefined;
        if (child) out.push(child);
      }
    }
    return out;
  });

  // One entry per package version: peer variants of it are the same code.
  const merged = new Map<string, { name: string; version: string; key: string; direct: boolean; dev: boolean; optional: boolean; via: Set<string> }>();
  for (const [key, entry] of Object.entries(graph)) {
    const { name, version, base } = splitPnpmKey(key);
    if (!name) continue;
    const explicitDev = (entry as Record<string, unknown> | null)?.dev;
    const dev = typeof explicitDev === 'boolean' ? explicitDev : reach.reached.has(key) && !reach.prod.has(key);
    const optional = (entry as Record<string, unknown> | null)?.optional === true;
    const m = merged.get(base);
    if (!m) {
      merged.set(base, { name, version, key, direct: direct.has(key), dev, optional, via: new Set(reach.via.get(key)) });
    } else {
      m.direct ||= direct.has(key);
      m.dev &&= dev;
      m.optional &&= optional;
      for (const v of reach.via.get(key) ?? []) m.via.add(v);
    }
  }
  for (const [base, m] of merged) {
    const meta = packages[m.key] ?? packages[base] ?? packages[`/${base}`];
    const resolution = obj(meta, 'resolution') ?? obj(graph[m.key], 'resolution');
    const metaKey = Object.hasOwn(packages, base) ? base : m.key;
    c.add({
      name: m.name,
      version: m.version || undefined,
      direct: m.direct,
      dev: m.dev,
      optional: m.optional ? true : undefined,
      line: doc.lineOf('packages', metaKey) ?? doc.lineOf(graphSection, m.key),
      lockPath: m.key,
      integrity: str(resolution, 'integrity'),
      resolved: str(resolution, 'tarball') ?? str(resolution, 'repo'),
      via: !m.direct && m.via.size ? [...m.via].sort() : undefined,
    });
  }
  return c.result();
}
