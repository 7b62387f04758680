/**
 * Maven `pom.xml`: `<dependencies>` of the project (not `<dependencyManagement>`, which only
 * sets versions for dependencies declared elsewhere, and not plugins). `${property}` versions
 * are resolved from `<properties>` and the project's own coordinates; a version that comes from a
 * parent POM or a BOM not in the file stays unknown, with a warning. Scope `test` is dev.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Collector, errorMessage, obj, str } from './collector';
import { LineIndex } from './lines';
import type { ParseResult } from './model';

const META: symbol = XMLParser.getMetaDataSymbol() as unknown as symbol;

export function parsePom(text: string, path: string): ParseResult {
  const c = new Collector(path, 'Maven');
  const valid = XMLValidator.validate(text);
  if (valid !== true) c.warn(`not well-formed XML: ${valid.err.msg}`, valid.err.line);
  let doc: unknown;
  try {
    doc = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      // No DOCTYPE entities: a POM has no business defining them, and expanding them is how XML bombs work.
      processEntities: false,
      isArray: (name) => name === 'dependency',
      captureMetaData: true,
    }).parse(text);
  } catch (err) {
    c.warn(`pom.xml could not be read: ${errorMessage(err)}`);
    return c.result();
  }
  const project = obj(doc, 'project');
  if (!project) {
    if (valid === true) c.warn('no <project> element');
    return c.result();
  }
  const properties = new Map<string, string>();
  for (const [k, v] of Object.entries(obj(project, 'properties') ?? {})) if (typeof v === 'string') properties.set(k, v.trim());
  const parent = obj(project, 'parent');
  const coordinates: [string, string | undefined][] = [
    ['project.version', str(project, 'version') ?? str(parent, 'version')],
    ['project.groupId', str(project, 'groupId') ?? str(parent, 'groupId')],
    ['project.artifactId', str(project, 'artifactId')],
    ['project.parent.version', str(parent, 'version')],
    ['version', str(project, 'version') ?? str(parent, 'version')],
    ['pom.version', str(project, 'version') ?? str(parent, 'version')],
  ];
  for (const [k, v] of coordinates) if (v !== undefined && !properties.has(k)) properties.set(k, v.trim());
  const resolve = (value: string | undefined): string | undefined => {
    let out = value?.trim();
    // Properties may refer to properties; ten rounds is deeper than any real POM and ends cycles.
    for (let round = 0; out?.includes('${') && round < 10; round++) out = out.replace(/\$\{([^}]+)\}/g, (m, k: string) => properties.get(k) ?? m);
    return out;
  };

  const managed = new Map<string, string>();
  for (const d of dependencyList(obj(project, 'dependencyManagement'))) {
    const v = resolve(str(d, 'version'));
    if (v) managed.set(`${resolve(str(d, 'groupId'))}:${resolve(str(d, 'artifactId'))}`, v);
  }

  const lines = new LineIndex(text);
  for (const d of dependencyList(project)) {
    const offset = (d as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex;
    const line = offset === undefined ? undefined : lines.lineAt(offset);
    const groupId = resolve(str(d, 'groupId'));
    const artifactId = resolve(str(d, 'artifactId'));
    if (!groupId || !artifactId) {
      c.warn('a <dependency> without groupId or artifactId', line);
      continue;
    }
    const name = `${groupId}:${artifactId}`;
    let version = resolve(str(d, 'version')) ?? managed.get(name);
    let range: string | undefined;
    if (version?.includes('${')) {
      c.warn(`${name}: version ${version} names a property this file does not define (a parent POM's?)`, line);
      version = undefined;
    } else if (version && /^[[(]/.test(version)) {
      range = version; // Maven ranges: [1.0,2.0)
      version = undefined;
    } else if (!version) {
      c.warn(`${name}: no version here (it comes from a parent POM or an imported BOM)`, line);
    }
    const scope = resolve(str(d, 'scope'));
    c.add({
      name,
      version,
      range,
      direct: true,
      dev: scope === 'test',
      optional: resolve(str(d, 'optional')) === 'true' ? true : undefined,
      line,
    });
  }
  return c.result();
}

function dependencyList(container: Record<string, unknown> | undefined): unknown[] {
  const list = obj(container, 'dependencies')?.dependency;
  return Array.isArray(list) ? list : [];
}
