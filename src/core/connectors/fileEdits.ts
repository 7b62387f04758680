import { applyEdits, format, modify, parseTree, findNodeAtLocation, getNodeValue, type FormattingOptions, type JSONPath, type ParseError } from 'jsonc-parser';
import { updateFileLocked } from '../util/updateFileLocked';
import { lineAndColumn } from './connectorsFile';
import type { ConnectorConfig } from './schema';

/**
 * Edits a connectors file in place through jsonc-parser, which changes only the bytes it must:
 * comments, formatting and entries this version does not understand all survive. Every edit is
 * computed from the file as it is under its lock (the extension and CLI runs edit the same files),
 * so an entry another process added a moment ago is kept.
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

/** One locked read-modify-write; `change` gets the current text (a new file's when there is none). */
function editFile(file: string, change: (text: string) => string): Promise<void> {
  return updateFileLocked(file, (current) => change(current ?? NEW_FILE));
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

/** The named entry's position in "connectors" and its current raw value. */
function entryOf(text: string, file: string, name: string): { index: number; value: unknown } {
  const root = parseForEdit(text, file);
  const list = root && findNodeAtLocation(root, ['connectors']);
  const values: unknown[] = (list?.children ?? []).map((n) => getNodeValue(n));
  const index = values.findIndex((v) => !!v && typeof v === 'object' && (v as { name?: unknown }).name === name);
  if (index < 0) throw new FileEditError(`No connector named "${name}" in ${file}; it may have been edited meanwhile.`);
  return { index, value: values[index] };
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

export async function addConnectorToFile(file: string, config: ConnectorConfig): Promise<void> {
  await editFile(file, (current) => {
    let text = current;
    const root = parseForEdit(text, file);
    const list = root && findNodeAtLocation(root, ['connectors']);
    if (list && list.type !== 'array') throw new FileEditError(`"connectors" in ${file} is not an array; fix it first.`);
    const names = (list?.children ?? []).map((n) => (getNodeValue(n) as { name?: unknown } | null)?.name);
    if (names.includes(config.name)) throw new FileEditError(`A connector named "${config.name}" already exists in ${file}.`);
    if (!root) text = withEmptyObject(text);
    else if (!list) text = applyMinimalEdit(text, ['connectors'], []);
    return applyMinimalEdit(text, ['connectors', -1], config);
  });
}

export async function removeConnectorFromFile(file: string, name: string): Promise<void> {
  await editFile(file, (text) => applyMinimalEdit(text, ['connectors', entryOf(text, file, name).index], undefined));
}

/** Sets (or with `undefined`, removes) one field of a named connector. */
export async function setConnectorField(file: string, name: string, path: JSONPath, value: unknown): Promise<void> {
  await updateConnectorField(file, name, () => ({ path, value }));
}

/**
 * Sets one field to what `compute` derives from the entry as it is in the file now (its raw JSON
 * value), so a change built on the entry (a tool added to a list) keeps what another process
 * changed since the caller last read it.
 */
export async function updateConnectorField(file: string, name: string, compute: (entry: unknown) => FieldChange): Promise<void> {
  await editFile(file, (text) => {
    const { index, value: entry } = entryOf(text, file, name);
    const { path, value } = compute(entry);
    return applyMinimalEdit(text, ['connectors', index, ...path], value);
  });
}

export interface FieldChange {
  path: JSONPath;
  value: unknown;
}

/** Sets (or with `undefined`, removes) one setting of a built-in connector under `"builtins"`. */
export async function setBuiltinField(file: string, name: string, path: JSONPath, value: unknown): Promise<void> {
  await updateBuiltinField(file, name, () => ({ path, value }));
}

/** As updateConnectorField, for a built-in's settings (`"builtins"` › name; undefined when there are none). */
export async function updateBuiltinField(file: string, name: string, compute: (settings: unknown) => FieldChange): Promise<void> {
  await editFile(file, (current) => {
    const root = parseForEdit(current, file);
    const text = root ? current : withEmptyObject(current);
    const node = root && findNodeAtLocation(root, ['builtins', name]);
    const { path, value } = compute(node ? getNodeValue(node) : undefined);
    return applyMinimalEdit(text, ['builtins', name, ...path], value);
  });
}

/** Empty, or only comments: keep what is there and start the object after it. */
function withEmptyObject(text: string): string {
  const eol = formatting(text).eol;
  return `${text}${text && !text.endsWith('\n') ? eol : ''}{${eol}  "connectors": []${eol}}${eol}`;
}
