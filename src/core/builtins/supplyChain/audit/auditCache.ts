/**
 * What a dependency audit learned, kept for the life of the process (a VS Code window, a CLI run):
 * which OSV ids hit each package version, each OSV record by id, and deps.dev's answer and the
 * source repository's Scorecard per direct dependency. Keys carry the service's base URL, so two servers pointed at different mirrors (or
 * test fakes) never answer for each other. Entries expire, so a window left open for a day asks
 * again; failures are never stored.
 */
import type { DdVersion } from '../depsDevModel';
import type { OsvVulnerability } from '../osvModel';
import type { ScorecardResult } from '../scorecardTool';

/** An hour: advisories are published daily, and one audit session rarely lasts longer. */
export const AUDIT_CACHE_TTL_MS = 60 * 60 * 1000;
/** Bounds the memory a long session can pin: far above any one tree (10k packages). */
const MAX_ENTRIES = 50_000;

class TtlMap<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(key: string, value: V): void {
    // Map keeps insertion order: the oldest entry goes first when full.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { value, at: this.now() });
  }

  get size(): number {
    return this.entries.size;
  }
}

export class DependencyAuditCache {
  /** base URL + purl → the OSV ids that hit it ([] for a clean package: also worth remembering). */
  readonly osvIds: TtlMap<string[]>;
  /** base URL + id → the record, or null when OSV listed an id it then had no record for. */
  readonly vulns: TtlMap<OsvVulnerability | null>;
  /** base URL + purl → deps.dev's version, or null when deps.dev does not know it. */
  readonly depsDev: TtlMap<DdVersion | null>;
  /** base URL + github.com/owner/repo → its Scorecard, or null when Scorecard never scanned it. */
  readonly scorecards: TtlMap<ScorecardResult | null>;

  constructor(ttlMs = AUDIT_CACHE_TTL_MS, now: () => number = Date.now) {
    this.osvIds = new TtlMap(ttlMs, now);
    this.vulns = new TtlMap(ttlMs, now);
    this.depsDev = new TtlMap(ttlMs, now);
    this.scorecards = new TtlMap(ttlMs, now);
  }
}

/** The one cache every supply_chain server built in this process shares (tests pass their own). */
export const processAuditCache = new DependencyAuditCache();
