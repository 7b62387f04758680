/**
 * `uv.lock`: the project itself is a package whose source is `editable`, `virtual` or a
 * `directory`; its `dependencies`, `optional-dependencies` and `dev-dependencies` are the direct
 * ones, and the rest of the graph follows from each package's `dependencies` list.
 */
import { Collector, arr, obj, str } from './collector';
import { reachFrom, type Root } from './graph';
import type { ParseResult } from './model';
import { normalizePypiName } from './purl';
import { packageTableLines, readToml } from './tomlText';

const LOCAL_SOURCES = ['editable', 'virtual', 'directory', 'path'];

export function parseUvLock(text: string, path: string): ParseResult {
  const c = new Collector(path, 'PyPI');
  const value = readToml(text, c);
  if (!value) return c.result();
  const packages = arr(value, 'package');
  const lines = packageTableLines(text);
  const byName = new Map<string, number>();
  packages.forEach((p, i) => {
    const name = str(p, 'name');
    if (name && !byName.has(normalizePypiName(name))) byName.set(normalizePypiName(name), i);
  });
  const nodeOf = (ref: unknown) => {
    const name = str(ref, 'name');
    const i = name === undefined ? undefined : byName.get(normalizePypiName(name));
    return i === undefined ? undefined : String(i);
  };
  const isLocal = (p: unknown) => LOCAL_SOURCES.some((s) => str(obj(p, 'source'), s) !== undefined);

  const roots: Root[] = [];
  const addRoots = (list: unknown[], dev: boolean) => {
    for (const ref of list) {
      const node = nodeOf(ref);
      if (node && !isLocal(packages[Number(node)])) roots.push({ node, name: str(ref, 'name')!, dev });
    }
  };
  for (const p of packages.filter(isLocal)) {
    addRoots(arr(p, 'dependencies'), false);
    for (const list of Object.values(obj(p, 'optional-dependencies') ?? {})) if (Array.isArray(list)) addRoots(list, false);
    for (const list of Object.values(obj(p, 'dev-dependencies') ?? {})) if (Array.isArray(list)) addRoots(list, true);
  }
  const direct = new Set(roots.map((r) => r.node));
  const reach = reachFrom(roots, (node) => {
    const p = packages[Number(node)];
    const refs = [...arr(p, 'dependencies'), ...Object.values(obj(p, 'optional-dependencies') ?? {}).flat()];
    return refs.map(nodeOf).filter((n): n is string => n !== undefined);
  });

  packages.forEach((p, i) => {
    if (isLocal(p)) return;
    const name = str(p, 'name');
    const version = str(p, 'version');
    if (!name) {
      c.warn(`package #${i + 1} has no name`, lines[i]);
      return;
    }
    const node = String(i);
    const via = reach.via.get(node);
    const source = obj(p, 'source');
    c.add({
      name,
      version,
      direct: direct.has(node),
      dev: reach.reached.has(node) && !reach.prod.has(node),
      line: lines[i],
      lockPath: `${name}@${version ?? ''}`,
      integrity: str(obj(p, 'sdist'), 'hash') ?? str(obj(arr(p, 'wheels')[0]), 'hash'),
      resolved: str(source, 'registry') ?? str(source, 'git') ?? str(source, 'url'),
      via: via && !direct.has(node) ? [...via].sort() : undefined,
    });
  });
  return c.result();
}
