import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { parseBuiltinOverrides, type ParsedBuiltinOverride } from './builtinOverrides';
import { connectorConfigSchema, connectorsFileSchema, type ConnectorConfig } from './schema';

/** Parsing one connectors file (JSON with comments) into valid entries and located problems. */

export interface FileProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  offset: number;
  message: string;
  /** Set when the problem belongs to one entry, so the tree can show it in that entry's place. */
  entryName?: string;
}

export interface ParsedEntry {
  index: number;
  config: ConnectorConfig;
  /** Where the entry's object starts, for "Edit" to reveal it. */
  offset: number;
  line: number;
}

export interface ParsedConnectorsFile {
  entries: ParsedEntry[];
  problems: FileProblem[];
  /** Settings for the built-in connectors (`"builtins": {…}`), when the file has them. */
  builtins?: ParsedBuiltinOverride[];
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  return lineLocator(text)(offset);
}

/**
 * Offsets → 1-based line/column by binary search over line starts, so locating every entry of
 * a large file stays linear instead of rescanning the text from the top each time.
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

export function parseConnectorsFile(text: string, file: string): ParsedConnectorsFile {
  const locate = lineLocator(text);
  const problem = (offset: number, message: string, entryName?: string): FileProblem => ({
    file,
    offset,
    message,
    entryName,
    ...locate(offset),
  });

  if (text.trim() === '') return { entries: [], problems: [] };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, PARSE_OPTIONS);
  // A file holding only comments has no root and no error: it is empty, not broken.
  if (errors.length === 0 && !root) return { entries: [], problems: [] };
  if (errors.length > 0 || !root) {
    const first = errors[0];
    return {
      entries: [],
      problems: [problem(first?.offset ?? 0, `Invalid JSON: ${describeParseError(first)}`)],
    };
  }

  const top = connectorsFileSchema.safeParse(getNodeValue(root));
  if (!top.success) {
    return { entries: [], problems: [problem(root.offset, 'Expected an object with a "connectors" array: { "connectors": [ … ] }')] };
  }

  const list = findNodeAtLocation(root, ['connectors']);
  const entries: ParsedEntry[] = [];
  const problems: FileProblem[] = [];
  (list?.children ?? []).forEach((node, index) => {
    const raw: unknown = getNodeValue(node);
    const parsed = connectorConfigSchema.safeParse(raw);
    const name = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : undefined;
    if (parsed.success) {
      entries.push({ index, config: parsed.data, offset: node.offset, line: locate(node.offset).line });
      return;
    }
    for (const issue of parsed.error.issues) {
      const at = nodeAt(
        node,
        issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      );
      const field = issue.path.length ? `"${issue.path.join('.')}": ` : '';
      problems.push(problem(at.offset, `${name ? `Connector "${name}"` : `Entry ${index + 1}`}: ${field}${issue.message}`, name));
    }
  });
  const builtins = parseBuiltinOverrides(root, problem);
  return { entries, problems: [...problems, ...builtins.problems], ...(builtins.overrides.length ? { builtins: builtins.overrides } : {}) };
}

/** The deepest node that exists along a path, so a missing field points at its entry. */
function nodeAt(entry: Node, path: (string | number)[]): Node {
  for (let n = path.length; n > 0; n--) {
    const found = findNodeAtLocation(entry, path.slice(0, n));
    if (found) return found.parent?.type === 'property' ? found.parent : found;
  }
  return entry;
}

function describeParseError(e: ParseError | undefined): string {
  if (!e) return 'the file could not be read as JSON';
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected (in quotes)',
    ValueExpected: 'value expected',
    ColonExpected: '":" expected',
    CommaExpected: '"," expected',
    CloseBraceExpected: '"}" expected',
    CloseBracketExpected: '"]" expected',
    EndOfFileExpected: 'unexpected content after the end',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character',
  };
  const code = printParseErrorCode(e.error);
  return words[code] ?? code;
}
