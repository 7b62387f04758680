/**
 * A vulnerability record cut down to what an audit weighs: what it is, how bad, which versions
 * of *this* package it hits and where it is fixed, and the page to cite. Full OSV records run to
 * kilobytes (every affected version listed); the model needs a few hundred bytes of them.
 */
import { cvss3BaseScore, type CvssRating } from './cvss';
import type { OsvAffected, OsvRange, OsvVulnerability } from './osvModel';
import type { PackageRef } from './osvQuery';
import { osvWebUrl } from './systems';

export interface SeveritySummary {
  /** "CVSS_V3 CVSS:3.1/AV:N/… = 7.4 high" in parts. */
  cvss?: Array<{ type: string; vector: string; score?: number; rating?: CvssRating }>;
  /** The source database's own label, e.g. GitHub's "MODERATE". */
  database?: string;
}

export interface AffectedSummary {
  package: string;
  ecosystem: string;
  /** Readable intervals, e.g. "SEMVER: <4.17.19" or "ECOSYSTEM: >=2.0.0 <2.3.1". */
  ranges: string[];
  fixed: string[];
  /** How many versions the record lists explicitly (the list itself is left out). */
  versionsListed?: number;
}

export interface VulnSummary {
  id: string;
  url: string;
  summary?: string;
  aliases?: string[];
  severity: SeveritySummary;
  published?: string;
  modified?: string;
  /** Set when the record was withdrawn: it should no longer count against the package. */
  withdrawn?: string;
  affected: AffectedSummary[];
  /** Affected entries for other packages than the one asked about, left out. */
  otherAffected?: number;
  references?: string[];
  details?: string;
  cwes?: string[];
  related?: string[];
}

export interface SummaryOptions {
  /** Show only the affected entries of these packages (all, up to a few, when none match). */
  focus?: PackageRef[];
  /** For a single record: keep `details` (truncated), all references, CWEs and related ids. */
  full?: boolean;
}

const MAX_AFFECTED_UNFOCUSED = 5;
const MAX_REFERENCES = 3;
const MAX_REFERENCES_FULL = 15;
const MAX_DETAILS = 2000;

export function summariseVulnerability(v: OsvVulnerability, options: SummaryOptions = {}): VulnSummary {
  const all = v.affected ?? [];
  const focused = options.focus?.length ? all.filter((a) => options.focus!.some((f) => samePackage(a, f))) : [];
  const shown = focused.length ? focused : all.slice(0, MAX_AFFECTED_UNFOCUSED);
  const summary = v.summary?.trim() || firstSentence(v.details);
  const references = (v.references ?? []).map((r) => r.url).filter((u): u is string => !!u);
  const cwes = stringList(v.database_specific?.['cwe_ids']);
  const out: VulnSummary = {
    id: v.id,
    url: osvWebUrl(v.id),
    ...(summary ? { summary } : {}),
    ...(v.aliases?.length ? { aliases: v.aliases } : {}),
    severity: severityOf(v, shown),
    ...(v.published ? { published: v.published } : {}),
    ...(v.modified ? { modified: v.modified } : {}),
    ...(v.withdrawn ? { withdrawn: v.withdrawn } : {}),
    affected: shown.map(summariseAffected),
    ...(all.length > shown.length ? { otherAffected: all.length - shown.length } : {}),
  };
  if (references.length) out.references = references.slice(0, options.full ? MAX_REFERENCES_FULL : MAX_REFERENCES);
  if (options.full) {
    if (v.details) out.details = v.details.length > MAX_DETAILS ? `${v.details.slice(0, MAX_DETAILS)}… (truncated; see ${out.url})` : v.details;
    if (cwes.length) out.cwes = cwes;
    if (v.related?.length) out.related = v.related;
  }
  return out;
}

function severityOf(v: OsvVulnerability, affected: OsvAffected[]): SeveritySummary {
  // Records put CVSS on the vulnerability, on each affected package (OSV 1.5+), or both.
  const entries = [...(v.severity ?? []), ...affected.flatMap((a) => a.severity ?? [])];
  const seen = new Set<string>();
  const cvss: NonNullable<SeveritySummary['cvss']> = [];
  for (const s of entries) {
    if (!s.type || !s.score || seen.has(s.score)) continue;
    seen.add(s.score);
    const scored = s.type === 'CVSS_V3' ? cvss3BaseScore(s.score) : undefined;
    cvss.push({ type: s.type, vector: s.score, ...(scored ? { score: scored.score, rating: scored.rating } : {}) });
  }
  const database =
    stringOf(v.database_specific?.['severity']) ??
    affected.map((a) => stringOf(a.ecosystem_specific?.['severity']) ?? stringOf(a.database_specific?.['severity'])).find(Boolean);
  return { ...(cvss.length ? { cvss } : {}), ...(database ? { database } : {}) };
}

function summariseAffected(a: OsvAffected): AffectedSummary {
  const ranges = (a.ranges ?? []).map(describeRange).filter((r) => r.length > 0);
  const fixed = [...new Set((a.ranges ?? []).flatMap((r) => (r.events ?? []).map((e) => e.fixed).filter((f): f is string => !!f)))];
  return {
    package: a.package?.name ?? a.package?.purl ?? '(unnamed)',
    ecosystem: a.package?.ecosystem ?? '(unknown)',
    ranges,
    fixed,
    ...(a.versions?.length ? { versionsListed: a.versions.length } : {}),
  };
}

/**
 * Events in order describe half-open intervals: each "introduced" opens one, the next "fixed"
 * (exclusive) or "last_affected" (inclusive) closes it; "limit" caps the range. "0" means the start.
 */
export function describeRange(range: OsvRange): string {
  const intervals: string[] = [];
  let open: string | undefined;
  const from = (introduced: string) => (introduced === '0' ? '' : `>=${introduced} `);
  for (const e of range.events ?? []) {
    if (e.introduced !== undefined) {
      if (open !== undefined) intervals.push(`${from(open)}(open)`.trim());
      open = e.introduced;
    } else if (e.fixed !== undefined) {
      intervals.push(`${from(open ?? '0')}<${e.fixed}`);
      open = undefined;
    } else if (e.last_affected !== undefined) {
      intervals.push(`${from(open ?? '0')}<=${e.last_affected}`);
      open = undefined;
    } else if (e.limit !== undefined) {
      intervals.push(`${from(open ?? '0')}<${e.limit} (limit)`);
      open = undefined;
    }
  }
  if (open !== undefined) intervals.push(open === '0' ? 'all versions (no fix)' : `>=${open} (no fix)`);
  if (!intervals.length) return '';
  const where = range.repo ? ` ${range.repo}` : '';
  return `${range.type ?? 'RANGE'}${where}: ${intervals.join(', ')}`;
}

function samePackage(a: OsvAffected, ref: PackageRef): boolean {
  const eco = (a.package?.ecosystem ?? '').split(':')[0].toLowerCase();
  if (eco !== ref.ecosystem.split(':')[0].toLowerCase()) return false;
  return normaliseName(a.package?.name ?? '', eco) === normaliseName(ref.name, eco);
}

/** PyPI treats runs of -, _ and . alike and ignores case (PEP 503); elsewhere case is ignored only as a courtesy. */
function normaliseName(name: string, ecosystem: string): string {
  const lower = name.trim().toLowerCase();
  return ecosystem === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}

function firstSentence(text: string | undefined): string | undefined {
  const t = text?.trim().replace(/\s+/g, ' ');
  if (!t) return undefined;
  const cut = t.search(/[.!?](\s|$)/);
  const sentence = cut > 0 ? t.slice(0, cut + 1) : t;
  return sentence.length > 200 ? `${sentence.slice(0, 200)}…` : sentence;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
}
