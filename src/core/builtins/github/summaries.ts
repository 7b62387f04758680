/**
 * Pure summaries of GitHub data, the numbers an audit argues with: how concentrated the
 * contributions are, how recently and steadily commits land, which packages ship inside.
 */

/**
 * The smallest number of contributors who together made at least half of the contributions
 * (the usual "bus factor" estimate: lose them and half the knowledge goes). Undefined without data.
 */
export function busFactor(contributions: readonly number[]): number | undefined {
  const sorted = contributions.filter((c) => c > 0).sort((a, b) => b - a);
  const total = sorted.reduce((sum, c) => sum + c, 0);
  if (total === 0) return undefined;
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    covered += sorted[i];
    if (covered * 2 >= total) return i + 1;
  }
  return sorted.length;
}

export interface WeekActivity {
  /** Unix seconds of the week's Sunday, as /stats/commit_activity gives it. */
  week: number;
  total: number;
  days?: number[];
}

export interface CommitActivitySummary {
  total_last_52_weeks: number;
  total_last_12_weeks: number;
  /** 0 when the current week has commits; null when the whole year has none. */
  weeks_since_last_commit: number | null;
  /** ISO date of the Sunday starting the last week with commits. */
  last_active_week: string | null;
  weeks_with_commits: number;
  /** Oldest first, one number per week. */
  weekly_totals: number[];
}

export function summariseCommitActivity(weeks: readonly WeekActivity[]): CommitActivitySummary {
  const ordered = [...weeks].sort((a, b) => a.week - b.week).slice(-52);
  const totals = ordered.map((w) => w.total);
  const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
  let lastActive = -1;
  for (let i = ordered.length - 1; i >= 0; i--) {
    if (ordered[i].total > 0) {
      lastActive = i;
      break;
    }
  }
  return {
    total_last_52_weeks: sum(totals),
    total_last_12_weeks: sum(totals.slice(-12)),
    weeks_since_last_commit: lastActive < 0 ? null : ordered.length - 1 - lastActive,
    last_active_week: lastActive < 0 ? null : new Date(ordered[lastActive].week * 1000).toISOString().slice(0, 10),
    weeks_with_commits: totals.filter((t) => t > 0).length,
    weekly_totals: totals,
  };
}

export interface SpdxPackage {
  SPDXID?: string;
  name?: string;
  versionInfo?: string;
  licenseConcluded?: string;
  licenseDeclared?: string;
  externalRefs?: Array<{ referenceCategory: string; referenceType: string; referenceLocator: string }>;
}

export interface SpdxDocument {
  spdxVersion: string;
  name: string;
  creationInfo: { created: string; creators: string[] };
  documentDescribes?: string[];
  packages: SpdxPackage[];
  relationships?: Array<{ relationshipType?: string; spdxElementId?: string; relatedSpdxElement?: string }>;
}

export interface SbomPackageSummary {
  name: string;
  version: string | null;
  license: string | null;
  purl: string | null;
}

export interface SbomSummary {
  spdx_version: string;
  created: string;
  generated_by: string[];
  total_packages: number;
  shown: number;
  /** Licence expression → how many packages carry it; "unknown" counts NOASSERTION and missing ones. */
  licenses: Record<string, number>;
  packages: SbomPackageSummary[];
}

/** NOASSERTION and NONE say "nobody knows", which an audit should read as unknown, not as a licence. */
function licenceOf(pkg: SpdxPackage): string | null {
  for (const value of [pkg.licenseConcluded, pkg.licenseDeclared]) {
    if (value && value !== 'NOASSERTION' && value !== 'NONE') return value;
  }
  return null;
}

function purlOf(pkg: SpdxPackage): string | null {
  return pkg.externalRefs?.find((r) => r.referenceType === 'purl')?.referenceLocator ?? null;
}

/** The document describes the repository itself as a package; that one is not a dependency. */
function describedIds(doc: SpdxDocument): Set<string> {
  const ids = new Set(doc.documentDescribes ?? []);
  for (const r of doc.relationships ?? []) {
    if (r.relationshipType === 'DESCRIBES' && r.spdxElementId === 'SPDXRef-DOCUMENT' && r.relatedSpdxElement) ids.add(r.relatedSpdxElement);
  }
  return ids;
}

export function summariseSbom(doc: SpdxDocument, maxPackages: number): SbomSummary {
  const roots = describedIds(doc);
  const dependencies = doc.packages.filter((p) => !(p.SPDXID && roots.has(p.SPDXID)));
  const licenses: Record<string, number> = {};
  const packages = dependencies.map((p): SbomPackageSummary => {
    const license = licenceOf(p);
    const bucket = license ?? 'unknown';
    licenses[bucket] = (licenses[bucket] ?? 0) + 1;
    return { name: p.name ?? '(unnamed)', version: p.versionInfo ?? null, license, purl: purlOf(p) };
  });
  return {
    spdx_version: doc.spdxVersion,
    created: doc.creationInfo.created,
    generated_by: doc.creationInfo.creators,
    total_packages: packages.length,
    shown: Math.min(packages.length, maxPackages),
    licenses,
    packages: packages.slice(0, maxPackages),
  };
}

/** Whole days between an ISO date and now, for "last release 400 days ago". */
export function daysSince(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  return Number.isFinite(then) ? Math.floor((now.getTime() - then) / 86_400_000) : null;
}
