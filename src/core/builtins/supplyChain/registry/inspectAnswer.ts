/**
 * inspect_package's answer: compact JSON for a model. Integrity first (a mismatch says so and
 * nothing else about those bytes), then what runs at install, hazards, native binaries, the
 * capability chains (install-time first), capability counts with a capped sample, and what is
 * new since the previous release. Every list is capped with an "N more" note.
 */
import type { Hazard } from '../artifact/archiveHazards';
import type { CapabilityHit } from '../artifact/capabilities';
import type { ChainFinding } from '../artifact/inspectArchive';
import { capList } from '../capList';
import type { InspectedArtifact, ReleaseInspection } from './inspectRelease';
import { latestNote, NO_TAG_CHECK } from './registryAnswer';
import type { PackageOverview, ReleaseFacts } from './releaseFacts';

const MAX_HAZARDS = 20;
const MAX_CHAINS = 10;
const MAX_CAPABILITY_SAMPLES = 15;
const MAX_BINARIES = 10;
const MAX_NAMES = 10;
const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low', 'info'];

export function inspectAnswer(overview: PackageOverview, current: ReleaseFacts, usedLatest: boolean, result: ReleaseInspection) {
  const inspected = result.artifacts.filter((a) => a.inspection);
  const all = <T>(pick: (a: InspectedArtifact) => T[]) => inspected.flatMap(pick);
  const prevHooks = new Set((result.previous?.artifacts ?? []).flatMap((a) => a.inspection?.installHooks.map((h) => `${h.hook}\u0000${h.command}`) ?? []));
  const prevBinaries = new Set((result.previous?.artifacts ?? []).flatMap((a) => a.inspection?.binaries.map((b) => b.file) ?? []));
  const comparable = !!result.previous?.artifacts.some((a) => a.inspection);

  const hooks = all((a) =>
    a.inspection!.installHooks.map((h) => ({
      hook: h.hook,
      command: h.command,
      runs: h.runs,
      runsBinary: h.runsBinary,
      ...(h.implicit ? { implicit: true } : {}),
      ...(h.minor ? { note: 'prepare runs only when installed from git or a folder, not from the registry' } : {}),
      ...(comparable ? { newInThisRelease: !prevHooks.has(`${h.hook}\u0000${h.command}`) } : {}),
    })),
  );
  const binaries = all((a) => a.inspection!.binaries.map((b) => ({ ...b, ...(comparable ? { newInThisRelease: !prevBinaries.has(b.file) } : {}) })));
  const hazards = capList(
    all((a) => a.inspection!.hazards).sort((a: Hazard, b: Hazard) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity)),
    MAX_HAZARDS,
    'hazards',
  );
  const chains = capList(
    all((a) => a.inspection!.chains).sort((a: ChainFinding, b: ChainFinding) => Number(b.installTime) - Number(a.installTime)),
    MAX_CHAINS,
    'chains',
  );
  const hits = all((a) => a.inspection!.capabilities);
  const installFiles = new Set(hooks.flatMap((h) => h.runs));
  const samples = capList(
    [...hits].sort((a: CapabilityHit, b: CapabilityHit) => Number(installFiles.has(b.file)) - Number(installFiles.has(a.file))),
    MAX_CAPABILITY_SAMPLES,
    'capability lines',
  );
  const counts: Record<string, number> = {};
  for (const h of hits) counts[h.capability] = (counts[h.capability] ?? 0) + 1;
  const binaryList = capList(binaries, MAX_BINARIES, 'binaries');
  const mismatch = result.artifacts.some((a) => a.integrity.verified === false);
  const note = latestNote(usedLatest, current.version, current.ecosystem);

  return {
    ecosystem: current.ecosystem,
    name: current.name,
    version: current.version,
    ...(note ? { note } : {}),
    ...(mismatch ? { integrityMismatch: true } : {}),
    artifacts: result.artifacts.map(artifactLine),
    installHooks: hooks,
    hazards: hazards.items,
    ...(hazards.note ? { hazardsNote: hazards.note } : {}),
    binaries: binaryList.items,
    ...(binaryList.note ? { binariesNote: binaryList.note } : {}),
    chains: chains.items.map((c) => ({
      kind: c.kind,
      file: c.file,
      installTime: c.installTime,
      capabilities: c.capabilities,
      lines: c.lines,
      excerpt: c.excerpt,
    })),
    ...(chains.note ? { chainsNote: chains.note } : {}),
    capabilities: { counts, samples: samples.items, ...(samples.note ? { note: samples.note } : {}) },
    comparedWith: result.previous
      ? comparable
        ? { version: result.previous.version }
        : {
            version: result.previous.version,
            note: `The previous release's artifacts could not be inspected: ${
              result.previous.artifacts
                .map((a) => a.skipped)
                .filter(Boolean)
                .join('; ') || 'none of the same kind'
            }.`,
          }
      : { note: 'No earlier release to compare with.' },
    notes: [
      'Read in memory and never run: what code could do, not what it did.',
      NO_TAG_CHECK,
      ...inspected.flatMap((a) =>
        a.inspection!.scanned.skipped.length ? [`${a.ref.filename}: ${names(a.inspection!.scanned.skipped)} not parsed (too large for the scan budget).`] : [],
      ),
      ...inspected.flatMap((a) =>
        a.inspection!.scanned.unparsed.length
          ? [`${a.ref.filename}: ${names(a.inspection!.scanned.unparsed)} did not parse as JavaScript; a line scan was used.`]
          : [],
      ),
    ],
    sources: [overview.pageUrl(current.version), overview.documentUrl, ...result.artifacts.map((a) => a.ref.url)],
  };
}

function artifactLine(a: InspectedArtifact) {
  const i = a.inspection;
  return {
    filename: a.ref.filename,
    kind: a.ref.kind,
    ...(a.bytes !== undefined ? { bytes: a.bytes } : {}),
    integrity: {
      verified: a.integrity.verified,
      ...(a.integrity.algorithm ? { algorithm: a.integrity.algorithm } : {}),
      ...(a.integrity.verified === false ? { expected: a.integrity.expected, actual: a.integrity.actual } : {}),
      ...(a.integrity.verified === null ? { note: 'the registry gave no digest to check against' } : {}),
    },
    inspected: !!i,
    ...(i ? { files: i.files, unpackedBytes: i.unpackedBytes, scannedFiles: i.scanned.files } : {}),
    ...(a.skipped ? { skipped: a.skipped } : {}),
  };
}

function names(list: readonly string[]): string {
  const c = capList(list, MAX_NAMES, 'files');
  return `${c.items.join(', ')}${c.note ? ` (${c.note})` : ''}`;
}
