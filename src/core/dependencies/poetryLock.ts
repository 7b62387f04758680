/**
 * `poetry.lock`: every package of the environment, flat. Poetry before 1.5 marks dev packages
 * with `category = "dev"`, Poetry 2 lists `groups`; neither says which packages the project asked
 * for, so with the pyproject.toml beside it (`companion`) direct, dev and `via` are computed
 * from the lock's dependency graph.
 */
import { Collector, arr, obj, str } from './collector';
import { reachFrom, type Root } from './graph';
import type { ParseResult } from './model';
import { normalizePypiName } from './purl';
import { declaredPython } from './pyproject';
import { packageTableLines, readToml } from './tomlText';

export function parsePoetryLock(text: string, path: string, companion?: string): ParseResult {
  const c = new Collector(path, 'PyPI');
  const value = readToml(text, c);
  if (!value) return c.result();
  const packages = arr(value, 'package');
  const lines = packageTableLines(text);
  const byName = new Map<string, number>();
  packages.forEach((p, i) => {
    const name = str(p, 'name');
    if (name) byName.set(normalizePypiName(name), i);
  });

  const pyproject = companion === undefined ? undefined : readToml(companion, new Collector('pyproject.toml', 'PyPI'));
  if (companion !== undefined && !pyproject) c.warn('the pyproject.toml beside it is not valid TOML; direct dependencies are unknown');
  const roots: Root[] = [];
  for (const d of pyproject ? declaredPython(pyproject) : []) {
    const i = byName.get(normalizePypiName(d.name));
    if (i !== undefined) roots.push({ node: String(i), name: d.name, dev: d.dev });
  }
  const direct = new Set(roots.map((r) => r.node));
  const reach = reachFrom(roots, (node) =>
    Object.keys(obj(packages[Number(node)], 'dependencies') ?? {}).flatMap((name) => {
      const i = byName.get(normalizePypiName(name));
      return i === undefined ? [] : [String(i)];
    }),
  );

  packages.forEach((p, i) => {
    const name = str(p, 'name');
    const version = str(p, 'version');
    if (!name || !version) {
      c.warn(`package #${i + 1} has no name or version`, lines[i]);
      return;
    }
    const groups = arr(p, 'groups').filter((g): g is string => typeof g === 'string');
    const category = str(p, 'category');
    const node = String(i);
    let dev: boolean;
    if (category) dev = category === 'dev';
    else if (groups.length) dev = !groups.includes('main');
    else dev = reach.reached.has(node) && !reach.prod.has(node);
    const via = reach.via.get(node);
    const source = obj(p, 'source');
    const firstFile = obj(arr(p, 'files')[0]);
    c.add({
      name,
      version,
      direct: direct.has(node),
      dev,
      optional: p && (p as Record<string, unknown>).optional === true ? true : undefined,
      line: lines[i],
      lockPath: `${name}@${version}`,
      integrity: str(firstFile, 'hash'),
      resolved: str(source, 'url'),
      via: via && !direct.has(node) ? [...via].sort() : undefined,
    });
  });
  return c.result();
}
