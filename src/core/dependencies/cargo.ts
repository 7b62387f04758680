/**
 * Cargo. `Cargo.toml` asks for crates (`[dependencies]`, `[dev-dependencies]`,
 * `[build-dependencies]`, per-target tables, `[workspace.dependencies]`); `Cargo.lock` pins the
 * whole graph. Packages without a `source` in the lock are the project's own crates (the root
 * and workspace members, or path dependencies): they are the roots, not dependencies, since
 * nothing about them is on crates.io. With the Cargo.toml beside the lock (`companion`), a crate
 * only in its dev-dependencies is dev.
 */
import { Collector, arr, obj, str } from './collector';
import { reachFrom, type Root } from './graph';
import type { ParseResult } from './model';
import { packageTableLines, readToml } from './tomlText';

interface DeclaredCrate {
  name: string;
  spec?: string;
  kind: 'normal' | 'dev' | 'build';
  local: boolean;
}

function declaredCrates(manifest: Record<string, unknown>): DeclaredCrate[] {
  const out: DeclaredCrate[] = [];
  const tables: [Record<string, unknown> | undefined, DeclaredCrate['kind']][] = [
    [obj(manifest, 'dependencies'), 'normal'],
    [obj(manifest, 'dev-dependencies'), 'dev'],
    [obj(manifest, 'build-dependencies'), 'build'],
    [obj(obj(manifest, 'workspace'), 'dependencies'), 'normal'],
  ];
  for (const target of Object.values(obj(manifest, 'target') ?? {})) {
    tables.push([obj(target, 'dependencies'), 'normal'], [obj(target, 'dev-dependencies'), 'dev'], [obj(target, 'build-dependencies'), 'build']);
  }
  for (const [table, kind] of tables) {
    for (const [key, spec] of Object.entries(table ?? {})) {
      // `foo = { package = "real-name" }` renames: the crate is the package.
      const name = str(spec, 'package') ?? key;
      const local = str(spec, 'path') !== undefined || obj(spec)?.workspace === true;
      out.push({ name, spec: typeof spec === 'string' ? spec : (str(spec, 'version') ?? str(spec, 'git')), kind, local });
    }
  }
  return out;
}

export function parseCargoToml(text: string, path: string): ParseResult {
  const c = new Collector(path, 'crates.io');
  const value = readToml(text, c);
  if (!value) return c.result();
  const lines = text.split('\n');
  const byName = new Map<string, DeclaredCrate>();
  for (const d of declaredCrates(value)) {
    if (d.local) continue;
    const known = byName.get(d.name);
    if (!known || (known.kind === 'dev' && d.kind !== 'dev')) byName.set(d.name, d);
  }
  for (const d of byName.values()) {
    // Cargo reads "1.2" as "^1.2"; only "=1.2.3" is exact.
    const exact = d.spec && /^=\s*\d/.test(d.spec) ? d.spec.replace(/^=\s*/, '') : undefined;
    const i = lines.findIndex((l) => new RegExp(`^\\s*"?${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*[=.]`).test(l));
    c.add({ name: d.name, version: exact, range: exact ? undefined : d.spec, direct: true, dev: d.kind === 'dev', line: i >= 0 ? i + 1 : undefined });
  }
  return c.result();
}

export function parseCargoLock(text: string, path: string, companion?: string): ParseResult {
  const c = new Collector(path, 'crates.io');
  const value = readToml(text, c);
  if (!value) return c.result();
  const packages = arr(value, 'package');
  const lines = packageTableLines(text);
  const byName = new Map<string, number[]>();
  packages.forEach((p, i) => {
    const name = str(p, 'name');
    if (name) byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  // A lock dependency is "name", or "name version" when several versions are locked, or
  // "name version (source)" when even that is ambiguous.
  const nodeOf = (ref: string): string | undefined => {
    const [name, version] = ref.split(' ');
    const candidates = byName.get(name) ?? [];
    const i = version === undefined ? candidates[0] : candidates.find((j) => str(packages[j], 'version') === version);
    return i === undefined ? undefined : String(i);
  };
  const isLocal = (p: unknown) => str(p, 'source') === undefined;
  const edges = (node: string) =>
    arr(packages[Number(node)], 'dependencies')
      .flatMap((d) => (typeof d === 'string' ? [nodeOf(d)] : []))
      .filter((n): n is string => n !== undefined);

  const manifest = companion === undefined ? undefined : readToml(companion, new Collector('Cargo.toml', 'crates.io'));
  if (companion !== undefined && !manifest) c.warn('the Cargo.toml beside it is not valid TOML; dev-dependencies are unknown');
  const declared = manifest ? declaredCrates(manifest) : [];
  const devOnly = new Set(declared.filter((d) => d.kind === 'dev' && !declared.some((o) => o.name === d.name && o.kind !== 'dev')).map((d) => d.name));

  const roots: Root[] = [];
  packages.forEach((p, i) => {
    if (!isLocal(p)) return;
    for (const child of edges(String(i))) {
      const pkg = packages[Number(child)];
      if (!isLocal(pkg)) roots.push({ node: child, name: str(pkg, 'name')!, dev: devOnly.has(str(pkg, 'name')!) });
    }
  });
  const direct = new Set(roots.map((r) => r.node));
  const reach = reachFrom(roots, edges);
  const knowsDev = manifest !== undefined;

  packages.forEach((p, i) => {
    if (isLocal(p)) return;
    const name = str(p, 'name');
    const version = str(p, 'version');
    if (!name || !version) {
      c.warn(`package #${i + 1} has no name or version`, lines[i]);
      return;
    }
    const node = String(i);
    const via = reach.via.get(node);
    const source = str(p, 'source');
    c.add({
      name,
      version,
      direct: direct.has(node),
      dev: knowsDev && reach.reached.has(node) && !reach.prod.has(node),
      line: lines[i],
      lockPath: `${name} ${version}`,
      integrity: str(p, 'checksum'),
      resolved: source,
      via: via && !direct.has(node) ? [...via].sort() : undefined,
    });
  });
  return c.result();
}
