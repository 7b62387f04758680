/**
 * Go modules. `go.mod` lists every module of the build (since Go 1.17) in `require`, with
 * `// indirect` on those the main module does not import itself; `replace` directives swap a
 * module for another or a local folder, which is noted. `go.sum` holds checksums: a line ending
 * in `/go.mod` only proves the module's go.mod was read during version selection, so a version
 * counts only when its code line (`h1:` of the module itself) is there.
 */
import { Collector } from './collector';
import type { ParseResult } from './model';

interface Requirement {
  module: string;
  version: string;
  indirect: boolean;
  line: number;
}

export function parseGoMod(text: string, path: string): ParseResult {
  const c = new Collector(path, 'Go');
  const requires: Requirement[] = [];
  const replaces = new Map<string, { target: string; line: number }>();
  let block: string | undefined;
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const comment = raw.indexOf('//');
    const body = (comment >= 0 ? raw.slice(0, comment) : raw).trim();
    const indirect = comment >= 0 && /^\/\/\s*indirect\b/.test(raw.slice(comment).trim());
    if (!body) continue;
    if (block) {
      if (body === ')') {
        block = undefined;
        continue;
      }
      directive(block, body, indirect, lineNo);
      continue;
    }
    const open = /^(require|replace|exclude|retract|tool|godebug|ignore)\s*\($/.exec(body);
    if (open) {
      block = open[1];
      continue;
    }
    const single = /^(require|replace)\s+(.+)$/.exec(body);
    if (single) directive(single[1], single[2], indirect, lineNo);
  }
  if (block) c.warn(`the ${block} ( block is never closed`);

  function directive(kind: string, body: string, indirect: boolean, line: number): void {
    const fields = body.split(/\s+/).map(unquote);
    if (kind === 'require') {
      if (fields.length < 2) c.warn(`require without a version: ${body}`, line);
      else requires.push({ module: fields[0], version: fields[1], indirect, line });
    } else if (kind === 'replace') {
      const arrow = fields.indexOf('=>');
      if (arrow < 1) c.warn(`replace without "=>": ${body}`, line);
      else replaces.set(fields[0], { target: fields.slice(arrow + 1).join(' '), line });
    }
  }

  for (const r of requires) {
    const replaced = replaces.get(r.module);
    if (replaced) c.warn(`${r.module} is replaced by ${replaced.target} (line ${replaced.line}); the audit sees the required version`, r.line);
    c.add({ name: r.module, version: r.version, direct: !r.indirect, dev: false, line: r.line, lockPath: `${r.module}@${r.version}` });
  }
  return c.result();
}

export function parseGoSum(text: string, path: string): ParseResult {
  const c = new Collector(path, 'Go');
  const seen = new Set<string>();
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (!line) continue;
    const fields = line.split(/\s+/);
    if (fields.length !== 3 || !fields[2].includes(':')) {
      c.warn(`not a go.sum line: ${line.slice(0, 80)}`, lineNo);
      continue;
    }
    const [module, version, hash] = fields;
    if (version.endsWith('/go.mod')) continue;
    const key = `${module}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    c.add({ name: module, version, direct: false, dev: false, line: lineNo, lockPath: key, integrity: hash });
  }
  return c.result();
}

function unquote(s: string): string {
  return /^".*"$|^`.*`$/.test(s) ? s.slice(1, -1) : s;
}
