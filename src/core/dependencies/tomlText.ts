/**
 * TOML lockfiles and manifests read with smol-toml. TOML has no error recovery, so a syntax
 * error is one warning with its line and nothing read; the lines of `[[package]]` tables are kept
 * in order, which is how a lockfile's n-th package finds its line.
 */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { errorMessage, type Collector } from './collector';

// smol-toml ships CommonJS too (its `require` export), but its types are ESM-only, so TypeScript
// refuses a static import from this CommonJS build; the types still come from the package.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse, TomlError } = require('smol-toml') as typeof SmolToml;

export function readToml(text: string, collector: Collector): Record<string, unknown> | undefined {
  try {
    return parse(text) as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof TomlError ? err.line : undefined;
    collector.warn(`not valid TOML: ${errorMessage(err).split('\n')[0]}`, line);
    return undefined;
  }
}

/** 1-based lines of each `[[package]]` header, in file order. */
export function packageTableLines(text: string): number[] {
  const out: number[] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (/^\s*\[\[\s*package\s*\]\]/.test(raw)) out.push(line);
  }
  return out;
}
