import { applyEdits, format, modify, parseTree, findNodeAtLocation, getNodeValue, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../util/atomicWrite';
import { lineAndColumn } from './connectorsFile';
import type { ConnectorConfig } from './schema';

/**
 * Edits a connectors file in place through jsonc-parser, which changes only the bytes it must:
 * comments, formatting and entries this version does not understand all survive.
 */

export class FileEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileEditError';
  }
}

const NEW_FILE = `// Connector Auditor connectors: see "Connectors file" in the extension README for the format.
{
  "connectors": []
}
`;

async function readOrNew(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return NEW_FILE;
    throw err;
  }
}

function formatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** Parses strictly enough to refuse editing a broken file: rewriting it could lose what the person typed. */
function parseForEdit(text: string, file: string) {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, allowEmptyContent: true });
  if (errors.length > 0) {
    const { line } = lineAndColumn(text, errors[0].offset);
    throw new FileEditError(`${file} has a syntax error at line ${line}; fix it first — the file was not changed.`);
  }
  if (root && root.type !== 'object') {
    throw new FileEditError(`${file} is not a JSON object; fix it first — the file was not changed.`);
  }
  return root;
}

function indexOfConnector(text: string, file: string, name: string): number {
  const root = parseForEdit(text, file);
  const list = root && findNodeAtLocation(root, ['connectors']);
  const index = (list?.children ?? []).findIndex((n) => {
    const v: unknown = getNodeValue(n);
    return !!v && typeof v === 'object' && (v as { name?: unknown }).name === name;
  });
  if (index < 0) throw new FileEditError(`No connector named "${name}" in ${file}; it may have been edited meanwhile.`);
  return index;
}

/**
 * Applies one change without reformatting its neighbours: jsonc-parser's own formatting option
 * rewrites every line an edit touches, so edits are made raw and only inserted text is formatted.
 */
export function applyMinimalEdit(text: string, path: JSONPath, value: unknown): string {
  const options = formatting(text);
  let out = text;
  for (const e of [...modify(text, path, value, {})].sort((a, b) => b.offset - a.offset)) {
    out = out.slice(0, e.offset) + e.content + out.slice(e.offset + e.length);
    if (e.content) out = applyEdits(out, format(out, { offset: e.offset, length: e.content.length }, options));
  }
  return out;
}

async function edit(file: string, path: JSONPath, value: unknown, text?: string): Promise<void> {
  const current = text ?? (await readOrNew(file));
  await writeFileAtomic(file, applyMinimalEdit(current, path, value));
}

export async function addConnectorToFile(file: string, config: ConnectorConfig): Promise<void> {
  let text = await readOrNew(file);
  const root = parseForEdit(text, file);
  const list = root && findNodeAtLocation(root, ['connectors']);
  if (list && list.type !== 'array') throw new FileEditError(`"connectors" in ${file} is not an array; fix it first.`);
  const names = (list?.children ?? []).map((n) => (getNodeValue(n) as { name?: unknown } | null)?.name);
  if (names.includes(config.name)) throw new FileEditError(`A connector named "${config.name}" already exists in ${file}.`);
  if (!root) {
    // Empty, or only comments: keep what is there and start the object after it.
    const eol = formatting(text).eol;
    text = `${text}${text && !text.endsWith('\n') ? eol : ''}{${eol}  "connectors": []${eol}}${eol}`;
  } else if (!list) {
    text = applyMinimalEdit(text, ['connectors'], []);
  }
  await edit(file, ['connectors', -1], config, text);
}

export async function removeConnectorFromFile(file: string, name: string): Promise<void> {
  const text = await readOrNew(file);
  await edit(file, ['connectors', indexOfConnector(text, file, name)], undefined, text);
}

/** Sets (or with `undefined`, removes) one field of a named connector. */
export async function setConnectorField(file: string, name: string, path: JSONPath, value: unknown): Promise<void> {
  const text = await readOrNew(file);
  await edit(file, ['connectors', indexOfConnector(text, file, name), ...path], value, text);
}

/** Sets (or with `undefined`, removes) one setting of a built-in connector under `"builtins"`. */
export async function setBuiltinField(file: string, name: string, path: JSONPath, value: unknown): Promise<void> {
  let text = await readOrNew(file);
  const root = parseForEdit(text, file);
  if (!root) {
    const eol = formatting(text).eol;
    text = `${text}${text && !text.endsWith('\n') ? eol : ''}{${eol}  "connectors": []${eol}}${eol}`;
  }
  await edit(file, ['builtins', name, ...path], value, text);
}
