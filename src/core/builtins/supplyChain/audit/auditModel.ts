/**
 * What a dependency audit answers: one entry per distinct package version (ecosystem, name,
 * version), its vulnerabilities cut down to what a verdict weighs, and what deps.dev says about the
 * direct ones, plus totals and notes on what could not be checked.
 */
import type { Ecosystem } from '../../../dependencies';
import type { CvssVersion } from '../cvssSeverity';

export type AuditSeverity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

export const SEVERITY_ORDER: readonly AuditSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export interface AuditVulnerability {
  id: string;
  aliases: string[];
  summary?: string;
  severity: AuditSeverity;
  cvss?: { version: CvssVersion; score: number; vector: string };
  /** The version that fixes it for this package's affected range, when OSV names one. */
  fixed?: string;
  /** An OpenSSF malicious-packages record (MAL-…): the package itself is malware. */
  malware: boolean;
  url: string;
}

export interface AuditProvenance {
  /** True when deps.dev verified a SLSA provenance or attestation for this version. */
  verified: boolean;
  sourceRepository?: string;
  url?: string;
}

export interface AuditedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  purl: string;
  direct: boolean;
  /** Only development dependencies need it, in every manifest that lists it. */
  dev: boolean;
  manifest: string;
  line?: number;
  /** The direct dependencies that bring it in (empty for a direct one). */
  via: string[];
  vulnerabilities: AuditVulnerability[];
  /** deps.dev, direct dependencies only. */
  licences?: string[];
  provenance?: AuditProvenance;
  /** deps.dev's source repository for it (github.com/owner/repo …). */
  repository?: string;
  /** The source repository's OpenSSF Scorecard (0–10), when it is on GitHub and was scanned. */
  scorecard?: { score: number; date?: string; url: string };
  /** The worst of its vulnerabilities; absent when it has none. */
  worst?: AuditSeverity;
}

export interface DependencyAuditTotals {
  /** Distinct package versions checked with OSV. */
  packages: number;
  direct: number;
  /** Dependencies with no exact version (no lockfile): OSV cannot match a range, so they were not checked. */
  unversioned: number;
  vulnerablePackages: number;
  malwarePackages: number;
  /** Distinct vulnerability ids across the tree. */
  vulnerabilities: number;
  /** Package counts by their worst severity. */
  bySeverity: Record<AuditSeverity, number>;
  /** HTTP requests this audit sent (0 when every answer came from the cache). */
  requests: number;
}

export interface DependencyAuditResult {
  /** Every audited package, vulnerable or not, in input order. */
  packages: AuditedPackage[];
  totals: DependencyAuditTotals;
  /** What failed or was cut: "OSV batch 2 of 2 failed: …", "OSV.dev rate limited 3 requests". */
  notes: string[];
}
