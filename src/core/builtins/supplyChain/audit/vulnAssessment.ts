/**
 * One OSV record, seen from one package version: how severe (CVSS v4 before v3 before v2, else the
 * database's own word), whether it is malware, and which version fixes the range this version is in.
 */
import type { Ecosystem } from '../../../dependencies';
import { scoreVector, type ScoredVector } from '../cvssSeverity';
import type { OsvAffected, OsvVulnerability } from '../osvModel';
import { osvWebUrl } from '../systems';
import type { AuditSeverity, AuditVulnerability } from './auditModel';
import { compareVersions } from './versionOrder';

const WORDS: Record<string, AuditSeverity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

/** Newer CVSS versions describe the same flaw better; a record scored in both is rated by its newest. */
const VERSION_RANK: Record<ScoredVector['version'], number> = { '4.0': 4, '3.1': 3, '3.0': 2, '2.0': 1 };

export interface PackageVersion {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export function assessVulnerability(v: OsvVulnerability, pkg: PackageVersion): AuditVulnerability {
  const affected = (v.affected ?? []).filter((a) => samePackage(a, pkg));
  const malware = isMalware(v);
  const cvss = bestVector(v, affected);
  const fixed = fixedVersion(affected, pkg);
  const summary = v.summary?.trim();
  return {
    id: v.id,
    aliases: v.aliases ?? [],
    ...(summary ? { summary: summary.length > 200 ? `${summary.slice(0, 200)}…` : summary } : {}),
    // Malware compromises the machine that installs it; OSV drops its CVSS on ingest, so no score can say less.
    severity: malware ? 'critical' : cvss ? ratingToSeverity(cvss.rating) : (databaseWord(v, affected) ?? 'unknown'),
    ...(cvss ? { cvss: { version: cvss.version, score: cvss.score, vector: cvss.vector } } : {}),
    ...(fixed ? { fixed } : {}),
    malware,
    url: osvWebUrl(v.id),
  };
}

export function isMalware(v: OsvVulnerability): boolean {
  if (/^MAL-/i.test(v.id) || (v.aliases ?? []).some((a) => /^MAL-/i.test(a))) return true;
  const origins = (d: Record<string, unknown> | undefined) => !!d && ('malicious-packages-origins' in d || d['malicious'] === true);
  return origins(v.database_specific) || (v.affected ?? []).some((a) => origins(a.database_specific));
}

function bestVector(v: OsvVulnerability, affected: OsvAffected[]): ScoredVector | undefined {
  // Severity sits on the record or on each affected entry (OSV 1.5+), never both.
  const entries = [...(v.severity ?? []), ...affected.flatMap((a) => a.severity ?? [])];
  let best: ScoredVector | undefined;
  for (const e of entries) {
    if (!e.score || !/^CVSS_V[234]$/.test(e.type ?? '')) continue;
    const scored = scoreVector(e.score);
    if (!scored) continue;
    if (!best || VERSION_RANK[scored.version] > VERSION_RANK[best.version] || (scored.version === best.version && scored.score > best.score)) best = scored;
  }
  return best;
}

function ratingToSeverity(rating: ScoredVector['rating']): AuditSeverity {
  return rating === 'none' ? 'low' : rating;
}

/** GitHub's "HIGH", "MODERATE" …, on the record or on the package's affected entry. */
function databaseWord(v: OsvVulnerability, affected: OsvAffected[]): AuditSeverity | undefined {
  const words = [v.database_specific?.['severity'], ...affected.flatMap((a) => [a.database_specific?.['severity'], a.ecosystem_specific?.['severity']])];
  for (const w of words) if (typeof w === 'string' && WORDS[w.trim().toUpperCase()]) return WORDS[w.trim().toUpperCase()];
  return undefined;
}

/**
 * The `fixed` event closing the interval this version falls in (events in order: each
 * `introduced` opens an interval, the next `fixed` closes it). When the version sits in no interval
 * we can place (an order we cannot compare, a version listed only in `versions[]`), the lowest
 * fixed version above it, else none: a guess would send someone to a version that is still affected.
 */
export function fixedVersion(affected: OsvAffected[], pkg: PackageVersion): string | undefined {
  const candidates: string[] = [];
  for (const a of affected) {
    for (const range of a.ranges ?? []) {
      if (range.type === 'GIT') continue;
      let open: string | undefined;
      for (const e of range.events ?? []) {
        if (e.introduced !== undefined) open = e.introduced;
        else if (e.fixed !== undefined) {
          candidates.push(e.fixed);
          const from = open ?? '0';
          if ((from === '0' || compareVersions(pkg.version, from) >= 0) && compareVersions(pkg.version, e.fixed) < 0) return e.fixed;
          open = undefined;
        } else if (e.last_affected !== undefined || e.limit !== undefined) open = undefined;
      }
    }
  }
  return candidates.filter((f) => compareVersions(f, pkg.version) > 0).sort(compareVersions)[0];
}

function samePackage(a: OsvAffected, pkg: PackageVersion): boolean {
  if ((a.package?.ecosystem ?? '').split(':')[0].toLowerCase() !== pkg.ecosystem.toLowerCase()) return false;
  return normalise(a.package?.name ?? '', pkg.ecosystem) === normalise(pkg.name, pkg.ecosystem);
}

/** PEP 503 for PyPI (case, and runs of - _ . alike); case-insensitive elsewhere, as the registries are. */
function normalise(name: string, ecosystem: Ecosystem): string {
  const lower = name.trim().toLowerCase();
  return ecosystem === 'PyPI' ? lower.replace(/[-_.]+/g, '-') : lower;
}
