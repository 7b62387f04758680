import { packageNameOf } from './extractors/extractor';
import type { Signal } from './signals';
import { lookAlike } from './typosquat';

/**
 * Signals the engine derives from other signals rather than from one tool result: today the
 * look-alike names, computed over every package the evidence named (OSV queries, deps.dev,
 * read_dependencies), citing the call that first named it.
 */
export function deriveSignals(signals: readonly Signal[]): Signal[] {
  const seen = new Set<string>();
  const out: Signal[] = [];
  for (const s of signals) {
    if (s.subject.kind !== 'package') continue;
    const pkg = packageNameOf(s.subject.id);
    if (!pkg) continue;
    const key = `${pkg.type}/${pkg.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const match = lookAlike(pkg.name, pkg.type);
    if (match) out.push({ id: 'name.typosquat', subject: s.subject, value: { name: pkg.name, ecosystem: pkg.type, ...match }, source: s.source });
  }
  return out;
}
