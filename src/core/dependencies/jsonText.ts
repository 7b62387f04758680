/**
 * JSON manifests and lockfiles: JSON.parse when the file is valid, else jsonc-parser, which
 * recovers from a syntax error (so a truncated lockfile still yields the entries before the
 * damage) and reports the error's line. jsonc-parser's visitor gives each property's line.
 */
import { parse, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type { Collector } from './collector';
import { LineIndex } from './lines';

/** Parses `text`, warning on `collector` for syntax errors. */
export function readJson(text: string, collector: Collector): unknown {
  try {
    // The native parser is several times faster; jsonc-parser only when recovery is needed.
    return JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
    if (errors.length) {
      const first = errors[0];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
      collector.warn(`not valid JSON: ${printParseErrorCode(first.error)}${more}; entries before it were read`, new LineIndex(text).lineAt(first.offset));
    }
    return value;
  }
}

export type LineOf = (path: readonly (string | number)[]) => number | undefined;

/**
 * The line of each property whose parent property is named in `under` (`packages`,
 * `dependencies`, …), looked up by its full path. Only those paths are built: a lockfile has
 * hundreds of thousands of properties, and most are not worth a line.
 */
export function jsonLines(text: string, under: ReadonlySet<string>): LineOf {
  const lines = new Map<string, number>();
  // The property that opened each enclosing object or array, innermost last.
  const parents: (string | undefined)[] = [];
  let lastProperty: string | undefined;
  visit(text, {
    onObjectBegin() {
      parents.push(lastProperty);
      lastProperty = undefined;
    },
    onArrayBegin() {
      parents.push(lastProperty);
      lastProperty = undefined;
    },
    onObjectEnd() {
      parents.pop();
    },
    onArrayEnd() {
      parents.pop();
    },
    onObjectProperty(property, _offset, _length, startLine, _startCharacter, pathSupplier) {
      lastProperty = property;
      const parent = parents[parents.length - 1];
      if (parent !== undefined && under.has(parent)) lines.set([...pathSupplier(), property].join('\u0000'), startLine + 1);
    },
  });
  return (path) => lines.get(path.join('\u0000'));
}
