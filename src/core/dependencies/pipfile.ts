/**
 * Pipenv: `Pipfile` (TOML; `[packages]` and `[dev-packages]`, what the project asks for) and
 * `Pipfile.lock` (JSON; `default` and `develop`, every pinned package, direct or not). With the
 * Pipfile beside it (`companion`), the lock's entries that the Pipfile names are direct.
 */
import { Collector, obj, str } from './collector';
import { jsonLines, readJson } from './jsonText';
import type { ParseResult } from './model';
import { normalizePypiName } from './purl';
import { readToml } from './tomlText';

interface DeclaredPipenv {
  name: string;
  spec?: string;
  dev: boolean;
}

function declaredPipenv(pipfile: Record<string, unknown>): DeclaredPipenv[] {
  const out: DeclaredPipenv[] = [];
  for (const [section, dev] of [
    ['packages', false],
    ['dev-packages', true],
  ] as const) {
    for (const [name, spec] of Object.entries(obj(pipfile, section) ?? {})) {
      out.push({ name, spec: typeof spec === 'string' ? spec : str(spec, 'version'), dev });
    }
  }
  return out;
}

export function parsePipfile(text: string, path: string): ParseResult {
  const c = new Collector(path, 'PyPI');
  const value = readToml(text, c);
  if (!value) return c.result();
  const lines = text.split('\n');
  for (const d of declaredPipenv(value)) {
    const pin = d.spec ? /^===?\s*([^\s,;*]+)$/.exec(d.spec.trim()) : null;
    const range = !pin && d.spec && d.spec !== '*' ? d.spec : undefined;
    const i = lines.findIndex(
      (l) => l.trimStart().startsWith(`${d.name} `) || l.trimStart().startsWith(`${d.name}=`) || l.trimStart().startsWith(`"${d.name}"`),
    );
    c.add({ name: d.name, version: pin?.[1], range, direct: true, dev: d.dev, line: i >= 0 ? i + 1 : undefined });
  }
  return c.result();
}

const INDEXED = new Set(['default', 'develop']);

export function parsePipfileLock(text: string, path: string, companion?: string): ParseResult {
  const c = new Collector(path, 'PyPI');
  const lock = obj(readJson(text, c));
  if (!lock) {
    c.warn('not a Pipfile.lock object');
    return c.result();
  }
  const lineOf = jsonLines(text, INDEXED);
  const pipfile = companion === undefined ? undefined : readToml(companion, new Collector('Pipfile', 'PyPI'));
  const declared = new Set(pipfile ? declaredPipenv(pipfile).map((d) => normalizePypiName(d.name)) : []);
  const seen = new Set<string>();
  for (const [section, dev] of [
    ['default', false],
    ['develop', true],
  ] as const) {
    for (const [name, entry] of Object.entries(obj(lock, section) ?? {})) {
      const version = str(entry, 'version')?.replace(/^===?/, '');
      // A package in both sections is needed at run time; the `default` entry came first.
      const key = `${normalizePypiName(name)}@${version ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const hashes = (entry as Record<string, unknown> | null)?.hashes;
      c.add({
        name,
        version,
        direct: declared.has(normalizePypiName(name)),
        dev,
        line: lineOf([section, name]),
        lockPath: `${section}.${name}`,
        integrity: Array.isArray(hashes) && typeof hashes[0] === 'string' ? hashes[0] : undefined,
        resolved: str(entry, 'git') ?? str(entry, 'file'),
      });
      if (!version && !str(entry, 'git') && !str(entry, 'file') && !str(entry, 'path')) c.warn(`${section}.${name} has no version`, lineOf([section, name]));
    }
  }
  return c.result();
}
