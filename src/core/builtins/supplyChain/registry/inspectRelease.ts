/**
 * inspect_package's work: pick the artifacts that matter (npm: the tarball; PyPI: the sdist,
 * whose setup.py runs at install, and one wheel), download each under a byte cap, verify it
 * against the registry's digest BEFORE reading it (a mismatch is reported and nothing in the
 * bytes is looked at), inspect it in memory, and do the same for the previous release so what
 * is new in this one (install hooks, binaries) can be named.
 */
import { DEFAULT_INSPECT_LIMITS, inspectArchive, type ArtifactInspection, type InspectLimits } from '../artifact/inspectArchive';
import { verifyHex, verifyNpmIntegrity, type IntegrityResult } from '../artifact/integrity';
import type { RegistryHttp } from './registryHttp';
import type { ArtifactRef, ReleaseFacts } from './releaseFacts';

export interface ArtifactLimits extends InspectLimits {
  /** Compressed download size at most; default 50 MB. */
  maxDownloadBytes: number;
}

export const DEFAULT_ARTIFACT_LIMITS: ArtifactLimits = { ...DEFAULT_INSPECT_LIMITS, maxDownloadBytes: 50 * 1024 * 1024 };

export interface InspectedArtifact {
  ref: ArtifactRef;
  bytes?: number;
  integrity: IntegrityResult;
  /** Absent when the artifact was not inspected (download failed, too large, digest mismatch). */
  inspection?: ArtifactInspection;
  /** Why it was not inspected. */
  skipped?: string;
}

/** npm: the tarball. PyPI: the sdist and one wheel (a pure-Python one first). */
export function chooseArtifacts(facts: ReleaseFacts): ArtifactRef[] {
  if (facts.ecosystem === 'npm') return facts.artifacts.slice(0, 1);
  const sdist = facts.artifacts.find((a) => a.kind === 'sdist-tar') ?? facts.artifacts.find((a) => a.kind === 'sdist-zip');
  const wheels = facts.artifacts.filter((a) => a.kind === 'wheel');
  const wheel = wheels.find((w) => /-none-any\.whl$/.test(w.filename)) ?? wheels[0];
  return [sdist, wheel].filter((a): a is ArtifactRef => !!a);
}

export async function inspectArtifact(http: RegistryHttp, ref: ArtifactRef, limits: ArtifactLimits, signal?: AbortSignal): Promise<InspectedArtifact> {
  const service = ref.kind === 'npm-tarball' ? 'The npm registry' : 'PyPI';
  let bytes: Buffer;
  try {
    bytes = await http.download(ref.url, service, limits.maxDownloadBytes, signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    return { ref, integrity: { verified: null }, skipped: (err as Error).message };
  }
  const integrity = ref.kind === 'npm-tarball' ? verifyNpmIntegrity(bytes, ref.integrity, ref.shasum) : verifyHex(bytes, 'sha256', ref.sha256);
  if (integrity.verified === false)
    return {
      ref,
      bytes: bytes.length,
      integrity,
      skipped: `the downloaded bytes do not match the registry's ${integrity.algorithm} digest: nothing in them was trusted or inspected`,
    };
  return { ref, bytes: bytes.length, integrity, inspection: inspectArchive(ref.kind, bytes, limits) };
}

export interface ReleaseInspection {
  artifacts: InspectedArtifact[];
  previous?: { version: string; artifacts: InspectedArtifact[] };
}

export async function inspectRelease(
  http: RegistryHttp,
  current: ReleaseFacts,
  previous: ReleaseFacts | undefined,
  limits: ArtifactLimits,
  signal?: AbortSignal,
): Promise<ReleaseInspection> {
  const artifacts: InspectedArtifact[] = [];
  for (const ref of chooseArtifacts(current)) artifacts.push(await inspectArtifact(http, ref, limits, signal));
  if (!previous) return { artifacts };
  const before: InspectedArtifact[] = [];
  // Only the kinds inspected now, so "new in this release" compares like with like.
  const kinds = new Set(artifacts.map((a) => a.ref.kind));
  for (const ref of chooseArtifacts(previous).filter((r) => kinds.has(r.kind))) before.push(await inspectArtifact(http, ref, limits, signal));
  return { artifacts, previous: { version: previous.version, artifacts: before } };
}
