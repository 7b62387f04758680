/**
 * What changed from the previous release to this one, in the ways account takeovers show
 * (event-stream, ua-parser-js, the 2025 npm worm): a different publisher, maintainers added or
 * removed, provenance published before and missing now, an install script that was not there.
 * Pure: two ReleaseFacts in, a list of changes out.
 */
import type { ReleaseFacts } from './releaseFacts';

export type ReleaseChangeKind =
  'publisher-changed' | 'maintainers-changed' | 'provenance-lost' | 'install-script-added' | 'install-script-changed' | 'binary-added';

export interface ReleaseChange {
  kind: ReleaseChangeKind;
  detail: string;
}

export function releaseChanges(current: ReleaseFacts, previous: ReleaseFacts | undefined): ReleaseChange[] {
  if (!previous) return [];
  const out: ReleaseChange[] = [];
  const v = `${previous.version} → ${current.version}`;
  if (current.publisher && previous.publisher && current.publisher !== previous.publisher)
    out.push({ kind: 'publisher-changed', detail: `published by ${current.publisher}; ${previous.version} was published by ${previous.publisher}` });
  const added = current.maintainers.filter((m) => !previous.maintainers.includes(m));
  const removed = previous.maintainers.filter((m) => !current.maintainers.includes(m));
  if ((added.length || removed.length) && previous.maintainers.length)
    out.push({
      kind: 'maintainers-changed',
      detail: `maintainers ${v}: ${[added.length ? `added ${added.join(', ')}` : '', removed.length ? `removed ${removed.join(', ')}` : ''].filter(Boolean).join('; ')}`,
    });
  if (previous.provenance?.present && current.provenance && !current.provenance.present)
    out.push({ kind: 'provenance-lost', detail: `${previous.version} was published with provenance (a build attestation); ${current.version} has none` });
  for (const [hook, command] of Object.entries(current.installScripts)) {
    const before = previous.installScripts[hook];
    if (before === undefined) out.push({ kind: 'install-script-added', detail: `${hook} script new in ${current.version}: ${command}` });
    else if (before !== command) out.push({ kind: 'install-script-changed', detail: `${hook} script changed ${v}: ${before} → ${command}` });
  }
  return out;
}
