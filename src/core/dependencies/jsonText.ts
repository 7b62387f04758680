/**
 * JSON manifests and lockfiles read with jsonc-parser: it recovers from a syntax error (so a
 * truncated lockfile still yields the entries before the damage), reports the error's line, and
 * its visitor gives each property's line without a second parser.
 */
import { parse, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type { Collector } from './collector';
import { LineIndex } from './lines';

export interface JsonDocument {
  value: unknown;
  /** Line of the property at a path (segments joined by '\u0000'), for the parents asked for. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/**
 * Parses `text`, warning on `collector` for syntax errors. `indexUnder` names the parent keys
 * whose children's lines are kept (`packages`, `dependencies`, …): the rest are not worth memory.
 */
export function readJson(text: string, collector: Collector, indexUnder: ReadonlySet<string>): JsonDocument {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const lines = new LineIndex(text);
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    collector.warn(`not valid JSON: ${printParseErrorCode(first.error)}${more}; entries before it were read`, lines.lineAt(first.offset));
  }
  const lines = new Map<string, number>();
  visit(text, {
    onObjectProperty(property, _offset, _length, startLine, _startCharacter, pathSupplier) {
      const path = pathSupplier();
      if (path.length && indexUnder.has(String(path[path.length - 1]))) lines.set([...path, property].join('\u0000'), startLine + 1);
    },
  });
  return { value, lineOf: (path) => lines.get(path.join('\u0000')) };
}
