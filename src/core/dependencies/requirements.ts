/**
 * pip requirements files (`requirements*.txt`, `requirements/*.txt`). A `==` pin is a version;
 * anything else is a range. Options that are not requirements (`-i`, `--hash`, …) are skipped;
 * `-r` includes are returned so the workspace resolver can say whether it read them;
 * editable and bare-URL installs have no registry name and version, so they are skipped with a
 * warning. pip-compile's `# via` comments tell transitive pins from direct ones.
 */
import { Collector } from './collector';
import type { ParseResult } from './model';
import { parsePep508 } from './pep508';
import { normalizePypiName } from './purl';

export interface RequirementsResult extends ParseResult {
  /** Files named by `-r`/`--requirement`, relative to the workspace root. */
  includes: string[];
}

const HASH = /--hash[=\s]+(\S+)/g;
/** Options that take a value and describe where to install from, not what. */
const SKIPPED_OPTIONS =
  /^(?:-i|--index-url|--extra-index-url|-f|--find-links|--trusted-host|--no-binary|--only-binary|--pre|--prefer-binary|--require-hashes|--no-index|--use-feature|-Z|--always-unzip)\b/;

interface Pending {
  name: string;
  version?: string;
  range?: string;
  line: number;
  integrity?: string;
  resolved?: string;
  parents?: string[];
}

export function parseRequirements(text: string, path: string): RequirementsResult {
  const c = new Collector(path, 'PyPI');
  const includes: string[] = [];
  // By convention the file name says what a requirements file is for: requirements-dev.txt,
  // requirements/test.txt. Only the name counts, so a project under tests/ is not all dev.
  const fileName = path.split('/').at(-1) ?? '';
  const dev = /(?:^|[_.-])(dev|develop|development|test|tests|testing|lint|docs)(?:[_.-]|$)/i.test(fileName.replace(/requirements/gi, ''));
  const pending: Pending[] = [];
  let last: Pending | undefined;
  let inVia = false;

  for (const { text: raw, line } of logicalLines(text)) {
    const comment = /(?:^|\s)#(.*)$/.exec(raw);
    const body = (comment ? raw.slice(0, comment.index) : raw).trim();
    if (!body) {
      // pip-compile: "    # via requests" or "    # via\n    #   -r requirements.in\n    #   requests".
      const note = comment?.[1].trim() ?? '';
      if (last && /^via\b/.test(note)) {
        inVia = true;
        const rest = note.slice(3).trim();
        last.parents = rest ? [rest] : [];
      } else if (last && inVia && note && (!note.includes(' ') || /^-[rc]\s/.test(note))) {
        last.parents!.push(note);
      } else {
        inVia = false;
      }
      continue;
    }
    inVia = false;
    last = undefined;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(body);
    if (include) {
      includes.push(joinPath(path, include[1]));
      continue;
    }
    if (/^(?:-c|--constraint)(?:\s+|=)/.test(body)) continue; // constraints pin versions without asking for packages
    if (/^(?:-e|--editable)(?:\s+|=)/.test(body)) {
      c.warn(`editable install skipped (no registry version): ${body}`, line);
      continue;
    }
    if (SKIPPED_OPTIONS.test(body)) continue;
    if (body.startsWith('-')) {
      c.warn(`option not understood, skipped: ${body.split(/\s/)[0]}`, line);
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(body) || /^[./]/.test(body)) {
      c.warn(`URL or path requirement skipped (no registry name and version): ${body.split(/\s/)[0]}`, line);
      continue;
    }
    const hashes = [...body.matchAll(HASH)].map((m) => m[1]);
    const requirement = body.replace(HASH, '').trim();
    const req = parsePep508(requirement);
    if (!req) {
      c.warn(`not a requirement: ${requirement.slice(0, 80)}`, line);
      continue;
    }
    // PEP 508 direct reference (`name @ https://…`): a name, but no registry version.
    if (req.url) c.warn(`${req.name} comes from a URL, not a registry version`, line);
    const p: Pending = { name: req.name, version: req.version, range: req.range, resolved: req.url, line, integrity: hashes[0] };
    pending.push(p);
    last = p;
  }

  const viaOf = directAncestors(pending);
  for (const p of pending) {
    const isDirect = p.parents === undefined || p.parents.some((x) => x.startsWith('-'));
    c.add({
      name: p.name,
      version: p.version,
      range: p.range,
      direct: isDirect,
      dev,
      line: p.line,
      integrity: p.integrity,
      resolved: p.resolved,
      via: isDirect ? undefined : viaOf(p),
    });
  }
  return { ...c.result(), includes };
}

/** Lines with `\` continuations joined, each with the number of its first physical line. */
function* logicalLines(text: string): Generator<{ text: string; line: number }> {
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const line = i + 1;
    let current = physical[i];
    while (current.endsWith('\\') && i + 1 < physical.length) current = current.slice(0, -1) + ' ' + physical[++i];
    yield { text: current, line };
  }
}

/** For pip-compile output: the direct requirements above a transitive one, by walking parents. */
function directAncestors(pending: Pending[]): (p: Pending) => string[] | undefined {
  const byName = new Map(pending.map((p) => [normalizePypiName(p.name), p]));
  return (start) => {
    const found = new Set<string>();
    const seen = new Set<Pending>([start]);
    const queue = [start];
    for (let i = 0; i < queue.length && i < 10_000; i++) {
      for (const parent of queue[i].parents ?? []) {
        const p = byName.get(normalizePypiName(parent));
        if (!p || seen.has(p)) continue;
        seen.add(p);
        if (p.parents === undefined || p.parents.some((x) => x.startsWith('-'))) found.add(p.name);
        else queue.push(p);
      }
    }
    return found.size ? [...found].sort() : undefined;
  };
}

/** `-r base.txt` in `reqs/dev.txt` → `reqs/base.txt` (posix, `..` folded, never above the root). */
export function joinPath(from: string, relative: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of relative.replace(/\\/g, '/').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}
