/**
 * Signals: typed facts the extractors read out of tool results. A signal states what a tool
 * returned about one subject (a repository, a package version, a file line, a connector) and
 * where it came from; it judges nothing. The checks in rules.ts do the judging.
 */

export type SubjectKind = 'repo' | 'package' | 'file' | 'connector';

export interface Subject {
  kind: SubjectKind;
  /** 'owner/repo', 'pkg:npm/x@1.2.3', 'path:line', or a connector's name. */
  id: string;
  /** Where it is in the audited workspace (a file and line, a lockfile entry), for links and SARIF locations. */
  at?: FileLocation;
}

/** A place in the audited workspace, relative to its folder (with the folder's name first when there are several). */
export interface FileLocation {
  path: string;
  line?: number;
}

/** "path:line" (as workspace tools write locations) → a location; a bare path has no line. */
export function parseLocation(text: string): FileLocation {
  const m = /^(.*?):(\d+)(?::\d+)?$/.exec(text);
  return m && m[1] ? { path: m[1], line: Number(m[2]) } : { path: text };
}

export interface SignalSource {
  callId: string;
  url?: string;
}

/** A severity as the checks weigh it; 'unknown' when the record carries none. */
export type VulnSeverity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

/** Each signal id and the type of its value. */
export interface SignalValues {
  /**
   * OSV answered for this subject; `active` live (not withdrawn) records. `versioned`: the query
   * named the version in use, so its records affect that version (without one, OSV lists every
   * record of the package, fixed or not).
   */
  'vuln.checked': { query: string; active: number; versioned: boolean };
  'vuln.known': {
    advisory: string;
    url: string;
    summary?: string;
    severity: VulnSeverity;
    score?: number;
    fixed: string[];
    aliases: string[];
    versioned: boolean;
  };
  'vuln.malware': { advisory: string; url: string; summary?: string };
  'repo.archived': boolean;
  'repo.pushed_at': { date: string; daysAgo: number | null };
  'releases.latest': { tag: string | null; daysAgo: number | null; count: number };
  'commits.activity': { last52Weeks: number; last12Weeks: number; weeksSinceLast: number | null };
  'contributors.bus_factor': { busFactor: number | null; counted: number };
  'scorecard.check': { name: string; score: number | null; reason?: string };
  'policy.security': { present: boolean | null };
  /** null: no licence found (nobody may reuse the code). */
  'licence.spdx': { spdx: string | null };
  'provenance.attestation': { slsa: number; attestations: number; verified: boolean };
  /** A package the project depends on directly (read_dependencies). */
  'package.in_use': { direct: boolean };
  'package.deprecated': { reason?: string };
  'install.script': { kind: 'project' | 'dependency'; scripts: string[] };
  'workflow.risk': { risk: WorkflowRisk; detail: string };
  'secret.hardcoded': { rule: string; kind: string; preview: string };
  /** A connector's tool list was read (with or without flags). */
  'connector.tools_checked': { tools: number };
  'tool.description_flag': { tool: string; flag: string; detail: string };
  'tool.unpinned_change': { tool: string; change: 'changed' | 'new' };
  'name.typosquat': { name: string; ecosystem: string; similarTo: string; distance: number };
  /** inspect_package checked a downloaded artifact against the registry's digest; false: the bytes are not what was published. */
  'artifact.integrity': { artifact: string; verified: boolean; algorithm?: string };
  /** Something in an artifact no honest package needs, or that needs reading: see HazardKind in artifact/archiveHazards.ts. */
  'artifact.hazard': { kind: string; severity: string; file?: string; detail: string };
  /**
   * What runs when the package installs (npm hooks, an implicit node-gyp rebuild, setup.py, a
   * .pth). `newInRelease`: absent from the previous release (null when nothing was compared).
   */
  'install.hook': { hook: string; command: string; runs: string[]; runsBinary: boolean; implicit: boolean; minor: boolean; newInRelease: boolean | null };
  /** Capabilities chained in one file (collect → send, download → run, decoded eval). */
  'code.chain': { kind: string; file: string; installTime: boolean; capabilities: string[]; lines: number[]; excerpt: string };
  /** A change from the previous release: publisher, maintainers, provenance lost, install script or binary added. */
  'release.change': { kind: string; detail: string };
}

export type WorkflowRisk = 'pwn_request' | 'untrusted_expression' | 'write_all' | 'unpinned_action';

export type SignalId = keyof SignalValues;

export type Signal<K extends SignalId = SignalId> = {
  [I in K]: { id: I; subject: Subject; value: SignalValues[I]; source: SignalSource };
}[K];

/** What an extractor says about a result it could not (fully) read; shown under "What could not be checked". */
export interface EvidenceNote {
  callId: string;
  tool: string;
  reason: 'tool-error' | 'rate-limited' | 'missing-key' | 'held' | 'denied' | 'unreadable' | 'no-data' | 'untrusted-connector' | 'not-available' | 'budget';
  text: string;
}

export interface Extraction {
  signals: Signal[];
  notes: EvidenceNote[];
}

export function signalsOf<K extends SignalId>(signals: readonly Signal[], id: K): Signal<K>[] {
  // The union narrows per id; TypeScript cannot follow a generic K through filter.
  return signals.filter((s) => s.id === id) as unknown as Signal<K>[];
}
