import { BUILTIN_NAMES } from '../builtins/catalog';
import { evidenceSchema, readResult } from './evidence';
import { dependencyAudit } from './extractors/dependencyAudit';
import { depsDevPackage, depsDevVersion } from './extractors/depsDev';
import { note, type CallInfo, type Extractor } from './extractors/extractor';
import { getCommitActivity, getCommunityProfile, getRepository, listContributors, listReleases, listWorkflows } from './extractors/github';
import { osvGetVulnerability, osvQuery, osvQueryBatch } from './extractors/osv';
import { inspectPackage, registryPackage } from './extractors/registry';
import { scorecard } from './extractors/scorecard';
import { installScriptsExtractor, readDependencies, secretsScan, workspaceWorkflows } from './extractors/workspace';
import type { EvidenceNote, Extraction } from './signals';

/**
 * Evidence → signals: one extractor per built-in tool, keyed by connector and tool. Only the
 * built-in connectors are read: any server can name a tool "scorecard" and answer "all 10s", so a
 * tool of another connector never becomes evidence, whatever it returns.
 */

const EXTRACTORS: Readonly<Record<string, Extractor>> = {
  'github/get_repository': getRepository,
  'github/get_community_profile': getCommunityProfile,
  'github/list_releases': listReleases,
  'github/get_commit_activity': getCommitActivity,
  'github/list_contributors': listContributors,
  'github/list_workflows': listWorkflows,
  'supply_chain/osv_query': osvQuery,
  'supply_chain/osv_query_batch': osvQueryBatch,
  'supply_chain/osv_get_vulnerability': osvGetVulnerability,
  'supply_chain/deps_dev_version': depsDevVersion,
  'supply_chain/deps_dev_package': depsDevPackage,
  'supply_chain/scorecard': scorecard,
  'supply_chain/audit_dependencies': dependencyAudit,
  'supply_chain/registry_package': registryPackage,
  'supply_chain/inspect_package': inspectPackage,
  'workspace/secrets_scan': secretsScan,
  'workspace/install_scripts': installScriptsExtractor,
  'workspace/workflows': workspaceWorkflows,
  'workspace/read_dependencies': readDependencies,
};

/** The tools the engine reads, for "what the engine reads" in describeRules(). */
export const READ_TOOLS: readonly string[] = Object.keys(EXTRACTORS);

export function extractAll(evidence: readonly unknown[], now: number): Extraction {
  const out: Extraction = { signals: [], notes: [] };
  for (const item of evidence) {
    const one = extractOne(item, now);
    out.signals.push(...one.signals);
    out.notes.push(...one.notes);
  }
  return out;
}

export function extractOne(item: unknown, now: number): Extraction {
  const parsed = evidenceSchema.safeParse(item);
  if (!parsed.success) {
    return {
      signals: [],
      notes: [{ callId: '?', tool: '?', reason: 'unreadable', text: 'An evidence item had no call id, connector or tool; it was not used.' }],
    };
  }
  const e = parsed.data;
  const call: CallInfo = { callId: e.callId, tool: `${e.connector}/${e.tool}`, args: e.args, ...(e.sources ? { sources: e.sources } : {}), now };
  const key = `${e.connector}/${e.tool}`;
  const body = readResult(e.result);
  // A failure is worth listing whichever tool it was: it is evidence nobody got.
  if (body.kind === 'error') return { signals: [], notes: [failureNote(call, body.text)] };
  if (!(BUILTIN_NAMES as readonly string[]).includes(e.connector))
    return {
      signals: [],
      notes: [note(call, 'untrusted-connector', `${key} is not a built-in tool; the engine does not weigh its output (a model may still read it).`)],
    };
  const extract = EXTRACTORS[key];
  if (!extract) return { signals: [], notes: [] };
  if (body.kind === 'text') return { signals: [], notes: [note(call, 'no-data', firstLine(body.text))] };
  // Built-in answers list the URLs to cite in `sources`; the run's own list, when given, wins.
  const cited = e.sources ?? sourcesIn(body.value);
  try {
    return extract(body.value, cited ? { ...call, sources: cited } : call);
  } catch (err) {
    // Extractors read typed data and should not throw; if one does, the run still gets a report.
    return { signals: [], notes: [note(call, 'unreadable', `Reading the ${key} result failed (${err instanceof Error ? err.message : String(err)}).`)] };
  }
}

/** Why a call failed, in the words the "What could not be checked" section groups by. */
export function failureNote(call: CallInfo, text: string): EvidenceNote {
  const t = text.toLowerCase();
  const reason: EvidenceNote['reason'] = /denied by the user/.test(t)
    ? 'denied'
    : /rate.?limit|secondary limit|429|too many requests/.test(t)
      ? 'rate-limited'
      : /api key|token|sign in|unauthori[sz]ed|401|credentials/.test(t)
        ? 'missing-key'
        : /\bheld\b|pin(ned)? .*changed|changed since .*pinned/.test(t)
          ? 'held'
          : 'tool-error';
  return note(call, reason, firstLine(text));
}

function sourcesIn(value: unknown): string[] | undefined {
  const list = value && typeof value === 'object' ? (value as Record<string, unknown>)['sources'] : undefined;
  const urls = Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string' && /^https?:\/\//.test(u)) : [];
  return urls.length ? urls : undefined;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
