/**
 * `yarn.lock`, classic (v1) and berry (v2+, `__metadata`), both read by @yarnpkg/parsers'
 * `parseSyml`. Keys are descriptor lists (`ms@^2.0.0, ms@^2.1.1`), values the resolved package.
 * Classic does not say which entries the project asked for: with the package.json beside it
 * (`companion`), direct, dev and `via` are computed; without it every entry stays transitive.
 * Berry lists the workspaces themselves (`name@workspace:.`), which are the roots, not packages.
 */
import { parseSyml } from '@yarnpkg/parsers';
import { Collector, errorMessage, obj, str } from './collector';
import { reachFrom, type Root } from './graph';
import type { ParseResult } from './model';
import { declaredDependencies } from './npmPackageJson';

const EDGE_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;

export function parseYarnLock(text: string, path: string, companion?: string): ParseResult {
  const c = new Collector(path, 'npm');
  let lock: Record<string, unknown> | undefined;
  try {
    lock = obj(parseSyml(text));
  } catch (err) {
    // The classic parser's errors carry the place they stopped.
    const line = (err as { location?: { start?: { line?: unknown } } } | null)?.location?.start?.line;
    c.warn(`not a readable yarn.lock: ${errorMessage(err).split('\n')[0]}`, typeof line === 'number' ? line : undefined);
    return c.result();
  }
  if (!lock) return c.result();
  const berry = Object.hasOwn(lock, '__metadata');
  const lines = headerLines(text);

  const nodeByDescriptor = new Map<string, string>();
  for (const key of Object.keys(lock)) {
    if (key === '__metadata') continue;
    for (const d of splitDescriptors(key)) nodeByDescriptor.set(d, key);
  }
  const nodeOf = (name: string, range: string) =>
    nodeByDescriptor.get(`${name}@${range}`) ?? (berry && !/^[a-z]+:/.test(range) ? nodeByDescriptor.get(`${name}@npm:${range}`) : undefined);

  const declared = companion ? readCompanion(companion, c) : undefined;
  const devNames = new Set(declared?.filter((d) => d.field === 'devDependencies').map((d) => d.name));
  const roots: Root[] = [];
  const workspaces = new Set<string>();
  for (const [key, entry] of Object.entries(lock)) {
    if (!berry || !str(entry, 'resolution')?.includes('@workspace:')) continue;
    workspaces.add(key);
    for (const field of EDGE_FIELDS) {
      for (const [name, range] of Object.entries(obj(entry, field) ?? {})) {
        const node = typeof range === 'string' ? nodeOf(name, range) : undefined;
        if (node) roots.push({ node, name, dev: devNames.has(name) });
      }
    }
  }
  if (!berry && declared) {
    for (const d of declared) {
      const node = nodeOf(d.name, d.spec);
      if (node) roots.push({ node, name: d.name, dev: d.field === 'devDependencies' });
    }
  }
  const direct = new Set(roots.map((r) => r.node));
  const reach = reachFrom(roots, (node) =>
    EDGE_FIELDS.flatMap((field) => Object.entries(obj(lock![node], field) ?? {})).flatMap(([name, range]) => {
      const child = typeof range === 'string' ? nodeOf(name, range) : undefined;
      return child ? [child] : [];
    }),
  );
  const knowsRoots = roots.length > 0 || declared !== undefined;

  for (const [key, entry] of Object.entries(lock)) {
    if (key === '__metadata' || workspaces.has(key)) continue;
    // Berry's soft links (`link:`, `portal:`) point at folders on disk, not registry packages.
    if (berry && str(entry, 'linkType') === 'soft') continue;
    const version = str(entry, 'version');
    const name = nameOf(key, str(entry, 'resolution'));
    if (!name) {
      c.warn(`entry "${key}" has no package name`, lines.get(splitDescriptors(key)[0]));
      continue;
    }
    if (!version) c.warn(`entry "${key}" has no version`, lines.get(splitDescriptors(key)[0]));
    const via = reach.via.get(key);
    c.add({
      name,
      version,
      direct: direct.has(key),
      dev: knowsRoots && reach.reached.has(key) && !reach.prod.has(key),
      line: lines.get(splitDescriptors(key)[0]),
      lockPath: berry ? (str(entry, 'resolution') ?? key) : key,
      integrity: str(entry, 'integrity') ?? str(entry, 'checksum'),
      resolved: str(entry, 'resolved'),
      via: via && !direct.has(key) ? [...via].sort() : undefined,
    });
  }
  return c.result();
}

function readCompanion(text: string, c: Collector) {
  try {
    return declaredDependencies(JSON.parse(text));
  } catch {
    c.warn('the package.json beside it is not valid JSON; direct and dev dependencies are unknown');
    return undefined;
  }
}

/** `"a@^1", a@~1.2` → ['a@^1', 'a@~1.2']. */
function splitDescriptors(key: string): string[] {
  return key
    .split(/,\s*/)
    .map((d) => d.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

/** The package name: berry's `resolution` names it exactly; classic keys start with it. */
function nameOf(key: string, resolution: string | undefined): string | undefined {
  const source = resolution ?? splitDescriptors(key)[0] ?? '';
  const at = source.indexOf('@', 1);
  return at > 0 ? source.slice(0, at) : undefined;
}

/** Line of each descriptor from the unindented `key:` header lines. */
function headerLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (!raw || raw[0] === ' ' || raw[0] === '#' || !raw.trimEnd().endsWith(':')) continue;
    for (const d of splitDescriptors(raw.trimEnd().slice(0, -1))) if (!out.has(d)) out.set(d, line);
  }
  return out;
}
