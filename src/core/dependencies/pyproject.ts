/**
 * `pyproject.toml`: what a Python project asks for, from PEP 621 (`[project]`), PEP 735
 * (`[dependency-groups]`, dev by nature) and Poetry (`[tool.poetry.*dependencies]`). Ranges, not
 * versions, except a `==` pin or Poetry's bare version, which means exactly that version.
 */
import { Collector, arr, obj } from './collector';
import type { ParseResult } from './model';
import { parsePep508 } from './pep508';
import { readToml } from './tomlText';

export interface DeclaredPython {
  name: string;
  version?: string;
  range?: string;
  dev: boolean;
  optional: boolean;
}

/** Group names that mean "for developing this project", not "for running it". */
const DEV_GROUP = /^(dev|develop|development|test|tests|testing|lint|linting|docs|typing|ci)$/i;

export function declaredPython(pyproject: Record<string, unknown>): DeclaredPython[] {
  const out: DeclaredPython[] = [];
  const project = obj(pyproject, 'project');
  const fromStrings = (list: unknown[], dev: boolean, optional: boolean) => {
    for (const item of list) {
      const req = typeof item === 'string' ? parsePep508(item) : undefined;
      if (req) out.push({ name: req.name, version: req.version, range: req.range, dev, optional });
    }
  };
  fromStrings(arr(project, 'dependencies'), false, false);
  for (const [extra, list] of Object.entries(obj(project, 'optional-dependencies') ?? {})) {
    if (Array.isArray(list)) fromStrings(list, DEV_GROUP.test(extra), true);
  }
  for (const list of Object.values(obj(pyproject, 'dependency-groups') ?? {})) {
    if (Array.isArray(list)) fromStrings(list, true, false);
  }
  const poetry = obj(obj(pyproject, 'tool'), 'poetry');
  const fromPoetry = (table: Record<string, unknown> | undefined, dev: boolean) => {
    for (const [name, spec] of Object.entries(table ?? {})) {
      if (name.toLowerCase() === 'python') continue;
      const text = typeof spec === 'string' ? spec : typeof obj(spec)?.version === 'string' ? (obj(spec)!.version as string) : undefined;
      const exact = text && /^=?=?\s*\d[\w.!+-]*$/.test(text.trim()) ? text.replace(/^=+/, '').trim() : undefined;
      out.push({ name, version: exact, range: exact ? undefined : text, dev, optional: obj(spec)?.optional === true });
    }
  };
  fromPoetry(obj(poetry, 'dependencies'), false);
  fromPoetry(obj(poetry, 'dev-dependencies'), true);
  for (const [group, table] of Object.entries(obj(poetry, 'group') ?? {})) fromPoetry(obj(table, 'dependencies'), group !== 'main');
  return out;
}

export function parsePyproject(text: string, path: string): ParseResult {
  const c = new Collector(path, 'PyPI');
  const value = readToml(text, c);
  if (!value) return c.result();
  const lines = text.split('\n');
  const seen = new Set<string>();
  for (const d of declaredPython(value)) {
    const key = `${d.name.toLowerCase()}\u0000${d.dev}`;
    if (seen.has(key)) continue;
    seen.add(key);
    c.add({ name: d.name, version: d.version, range: d.range, direct: true, dev: d.dev, optional: d.optional || undefined, line: lineOfName(lines, d.name) });
  }
  return c.result();
}

/** Best effort: the first line that names the package as a key or at the start of a string. */
function lineOfName(lines: string[], name: string): number | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*(?:${escaped}\\s*=|["']${escaped}(?![A-Za-z0-9._-]))`, 'i');
  const i = lines.findIndex((l) => re.test(l));
  return i >= 0 ? i + 1 : undefined;
}
