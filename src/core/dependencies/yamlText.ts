/**
 * YAML lockfiles read with the `yaml` package: syntax errors become warnings with their line,
 * aliases are capped (no billion-laughs expansion), and the lines of a top-level map's keys are
 * kept for "open at line".
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Collector } from './collector';
import { LineIndex } from './lines';

export interface YamlDocument {
  value: unknown;
  /** Line of `key` inside the top-level map `section`. */
  lineOf(section: string, key: string): number | undefined;
}

export function readYaml(text: string, collector: Collector, sections: readonly string[]): YamlDocument {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: true });
  for (const err of doc.errors.slice(0, 5))
    collector.warn(`not valid YAML: ${err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`, err.linePos?.[0]?.line);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    collector.warn(`YAML could not be read: ${err instanceof Error ? err.message : String(err)}`);
    value = undefined;
  }
  const lines = new LineIndex(text);
  const index = new Map<string, number>();
  for (const section of sections) {
    const node = doc.get(section, true);
    if (!isMap(node)) continue;
    for (const pair of node.items) {
      const key = pair.key;
      if (isScalar(key) && key.range) index.set(`${section}\u0000${String(key.value)}`, lines.lineAt(key.range[0]));
    }
  }
  return { value, lineOf: (section, key) => index.get(`${section}\u0000${key}`) };
}
