/**
 * What a dependency audit keeps of deps.dev's answer for a direct dependency: its licences, the
 * best provenance (a verified one first) and its source repository.
 */
import type { DdVersion } from '../depsDevModel';
import type { AuditedPackage, AuditProvenance } from './auditModel';

export function depsDevFacts(v: DdVersion): Pick<AuditedPackage, 'licences' | 'provenance' | 'repository'> {
  const attest = [...(v.slsaProvenances ?? []), ...(v.attestations ?? [])];
  const best = attest.find((a) => a.verified) ?? attest[0];
  const provenance: AuditProvenance | undefined = best
    ? { verified: !!best.verified, ...(best.sourceRepository ? { sourceRepository: best.sourceRepository } : {}), ...(best.url ? { url: best.url } : {}) }
    : undefined;
  const repository = sourceRepo(v);
  return {
    licences: v.licenses?.length ? v.licenses : [],
    ...(provenance ? { provenance } : {}),
    ...(repository ? { repository } : {}),
  };
}

export function sourceRepo(v: DdVersion): string | undefined {
  return (v.relatedProjects ?? []).find((r) => r.relationType === 'SOURCE_REPO')?.projectKey?.id?.toLowerCase();
}
