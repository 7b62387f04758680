import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { FinishedEvent } from '../../src/core/agent/agentEvents';
import { AgentRunner } from '../../src/core/agent/agentRunner';
import { auditInput } from '../../src/core/agent/auditorProfile';
import type { AttachedConnector } from '../../src/core/agent/conversation';
import type { ModelClient } from '../../src/core/agent/modelClient';
import { rulesBackend } from '../../src/core/agent/rulesBackend';
import { MemoryTranscriptSink } from '../../src/core/agent/transcript';
import { citableFrom, unmatchedCitations } from '../../src/core/audit/citations';
import type { AuditReport, Verdict } from '../../src/core/audit/report';
import { parseAuditTarget, targetLabel, type AuditTarget } from '../../src/core/audit/target';
import { createBuiltinServer, type BuiltinServices } from '../../src/core/builtins/builtinServers';
import type { BuiltinName } from '../../src/core/builtins/catalog';
import { DependencyAuditCache } from '../../src/core/builtins/supplyChain/audit/auditCache';
import { registryLocations } from '../../src/core/builtins/supplyChain/registry/registryLocations';
import type { Connector } from '../../src/core/connectors/registry';
import type { Evidence } from '../../src/core/evidence/evidence';
import type { EvidenceReport } from '../../src/core/evidence/evidenceReport';
import type { ConnectorEvidence } from '../../src/core/evidence/extractors/connector';
import { ConnectorSession } from '../../src/core/mcp/session';
import { ConfirmationService } from '../../src/core/tools/confirmation';
import { flagToolDescription } from '../../src/core/tools/descriptionFlags';
import { GitHubCache } from '../../src/core/builtins/github/githubServer';
import { fixtureRepoOf } from '../fixtures/github/recordedRepo';
import { startGitHubFixture } from '../fixtures/github/server';
import { recordedSupplyChainData } from '../fixtures/supplyChain/recordedData';
import { startSupplyChainFixture } from '../fixtures/supplyChain/server';
import { collect, scriptedPort } from '../helpers/agentRun';
import { inProcessConnector } from '../helpers/inProcessSession';
import { memoryLog } from '../helpers/sessions';
import { fakeCredentials, fixtureWorkspace, type FixtureWorkspace } from '../helpers/workspaceFixture';
import type { EvalCase } from './cases';
import { freezeClockAt } from './clock';

/**
 * Runs eval cases through the one agent loop, exactly as an audit runs: the real built-in
 * connectors (github, supply_chain, workspace) in process, pointed at the local fakes, which
 * replay the case's recorded public data; the rules backend by default, or a model. The clock
 * is the case's recording time (clock.ts), so the same case gives the same verdict every day.
 */

export type EvalBackend = { label: string; kind: 'rules' } | { label: string; kind: 'model'; client: () => ModelClient };

export const RULES_BACKEND: EvalBackend = { label: 'rules', kind: 'rules' };

export interface CriticalHit {
  item: string;
  found: boolean;
}

export interface CaseResult {
  id: string;
  category: EvalCase['category'];
  backend: string;
  expected: Verdict;
  /** Undefined when the run ended without a report. */
  got?: Verdict;
  /** Why the run ended without a report. */
  error?: string;
  critical: CriticalHit[];
  citations: { total: number; valid: number };
  /** Applicable checks with no evidence, and tool calls that failed (recording gaps show here). */
  couldNotCheck: number;
  rounds: number;
  calls: number;
  durationMs: number;
  report?: AuditReport;
  evidence?: EvidenceReport;
}

export async function runCase(c: EvalCase, backend: EvalBackend): Promise<CaseResult> {
  const restoreClock = freezeClockAt(c.recordedAt);
  const cleanups: Array<() => Promise<unknown> | unknown> = [restoreClock];
  try {
    const label = `test/eval/cases/${c.id}`;
    const supply = await startSupplyChainFixture({
      osvPageSize: 1000,
      data: recordedSupplyChainData({ osv: c.osv, packages: c.packages, scorecards: c.scorecards, label }),
    });
    cleanups.push(() => supply.close());
    const github = await startGitHubFixture({
      rateLimits: { anonymous: 10_000 },
      statsComputingAnswers: 0,
      extraRepos: () => c.repos.map((r, i) => fixtureRepoOf(r, 700_000_000 + i)),
    });
    cleanups.push(() => github.close());

    let ws: FixtureWorkspace | undefined;
    if (c.workspace) {
      const creds = fakeCredentials();
      const files: Record<string, string> = { ...c.workspace.files };
      for (const [path, kind] of Object.entries(c.workspace.credentials)) files[path] = `${files[path] ?? ''}${kind === 'aws' ? awsConfig(creds.aws) : ''}`;
      ws = await fixtureWorkspace(files);
      cleanups.push(() => ws!.dispose());
    }
    const log = memoryLog();
    const services: BuiltinServices = {
      github: () => ({
        baseUrl: github.url,
        token: async () => undefined,
        signInHint: 'Set GITHUB_TOKEN.',
        cache: new GitHubCache(),
        statsRetryDelayMs: 5,
        log,
      }),
      web: () => ({ search: async () => ({ provider: 'auto', configureHint: 'not available in the eval' }), fetchPolicy: () => ({ allowHosts: [] }), log }),
      supplyChain: () => ({
        endpoints: { osv: supply.url, depsDev: supply.url, scorecard: supply.url },
        // Registry answers are not recorded: the cases stay offline (a 404 there is "could not check").
        registries: async () => registryLocations({ env: { CONNECTOR_AUDITOR_NPM_REGISTRY_URL: supply.url, CONNECTOR_AUDITOR_PYPI_URL: supply.url } }),
        auditCache: new DependencyAuditCache(),
        log,
      }),
      workspace: () => ({ roots: () => (ws ? [{ name: 'project', path: ws.dir }] : []), trusted: () => true, log }),
    };
    const names: BuiltinName[] = ws ? ['github', 'supply_chain', 'workspace'] : ['github', 'supply_chain'];
    const attached: AttachedConnector[] = names.map((name) => builtinSession(name, () => createBuiltinServer(name, services)));

    let connectorEvidence: ConnectorEvidence | undefined;
    if (c.connector) {
      const rec = c.connector;
      const server = await inProcessConnector(rec.name, (s) => registerRecordedTools(s, rec.tools, label));
      cleanups.push(() => server.session.dispose());
      attached.push(server);
      const tools = await server.session.ensureReady();
      connectorEvidence = {
        connector: rec.name,
        callId: `tools/list:${rec.name}`,
        tools: tools.map((t) => ({ name: t.name, flags: flagToolDescription(t), pin: rec.pin })),
      };
    }
    for (const a of attached) cleanups.push(() => a.session.dispose());

    const target = targetOf(c);
    const transcript = new MemoryTranscriptSink();
    const runner = new AgentRunner({
      ...(backend.kind === 'rules' ? { backend: rulesBackend({ intro: 'Eval run: the evidence rules only.' }) } : { model: backend.client() }),
      confirmations: new ConfirmationService(scriptedPort([], 'allow')),
      policy: () => 'listedOnly',
      transcript,
      options: { toolTimeoutMs: 30_000 },
    });
    const label2 = targetLabel(target);
    const input = { ...auditInput(label2), audit: { target, ...(connectorEvidence ? { connectors: [connectorEvidence] } : {}) } };
    const { finished } = await collect(runner.run({ connectors: attached, messages: [] }, input));
    return resultOf(c, backend, finished, transcript.lines, connectorEvidence ? [connectorEvidence.callId!] : []);
  } catch (err) {
    return {
      id: c.id,
      category: c.category,
      backend: backend.label,
      expected: c.expected.verdict,
      error: `harness: ${err instanceof Error ? err.message : String(err)}`,
      critical: c.expected.critical.map((item) => ({ item, found: false })),
      citations: { total: 0, valid: 0 },
      couldNotCheck: 0,
      rounds: 0,
      calls: 0,
      durationMs: 0,
    };
  } finally {
    for (const undo of cleanups.reverse()) await Promise.resolve(undo()).catch(() => undefined);
  }
}

export function targetOf(c: EvalCase): AuditTarget {
  if (typeof c.target !== 'string') return c.target.kind === 'workspace' ? { kind: 'workspace' } : { kind: 'connector', name: c.target.name };
  const t = parseAuditTarget(c.target);
  if (!t) throw new Error(`${c.id}: "${c.target}" is not a target the rules can audit`);
  return t;
}

function resultOf(c: EvalCase, backend: EvalBackend, finished: FinishedEvent, lines: readonly string[], hostReads: readonly string[]): CaseResult {
  const base = {
    id: c.id,
    category: c.category,
    backend: backend.label,
    expected: c.expected.verdict,
    rounds: finished.rounds,
    calls: finished.calls.made,
    durationMs: Math.round(finished.durationMs),
  };
  if (finished.outcome.kind !== 'report')
    return {
      ...base,
      error: finished.message ?? `no report (${finished.reason})`,
      critical: c.expected.critical.map((item) => ({ item, found: false })),
      citations: { total: 0, valid: 0 },
      couldNotCheck: 0,
    };
  const { report, evidence } = finished.outcome;
  return {
    ...base,
    got: report.verdict,
    critical: c.expected.critical.map((item) => ({ item, found: recalled(item, report, evidence) })),
    citations: citationsOf(report, evidenceOf(lines), hostReads),
    couldNotCheck: evidence?.couldNotCheck.length ?? 0,
    report,
    ...(evidence ? { evidence } : {}),
  };
}

/** "check:<id>": that check failed; anything else (an advisory id): a finding names it, in its claim or its sources. */
function recalled(item: string, report: AuditReport, evidence: EvidenceReport | undefined): boolean {
  const check = /^check:(.+)$/.exec(item);
  if (check) return evidence?.checks.some((x) => x.id === check[1] && x.status === 'fail') ?? false;
  const needle = item.toLowerCase();
  return report.findings.some((f) => f.claim.toLowerCase().includes(needle) || f.sources.some((s) => s.toLowerCase().includes(needle)));
}

/**
 * Every source every finding cites — the rules' included — against what the run's tools returned
 * (audit/citations.ts, the judge's own matcher), and none marked "(not returned by any tool)".
 */
function citationsOf(report: AuditReport, evidence: Evidence[], hostReads: readonly string[]): { total: number; valid: number } {
  const known = citableFrom(evidence);
  // What the host read itself (a connector's tool list) is evidence too, cited by its call id.
  for (const id of hostReads) known.add(id.toLowerCase());
  const asIfModel: AuditReport = { ...report, findings: report.findings.map(({ check: _check, ...f }) => f) };
  const unmatched = unmatchedCitations(asIfModel, known);
  const total = report.findings.reduce((n, f) => n + f.sources.length, 0);
  const marked = report.findings.reduce((n, f) => n + f.sources.filter((s) => /\(not returned by any tool\)$/.test(s)).length, 0);
  const bad = new Set(unmatched.map((u) => `${u.finding} ${u.source}`)).size;
  return { total, valid: Math.max(0, total - Math.max(bad, marked)) };
}

const transcriptLine = z.looseObject({ type: z.string(), callId: z.string().optional() });

/** The run's tool results, rebuilt from its transcript (what the model saw of each). */
function evidenceOf(lines: readonly string[]): Evidence[] {
  const calls = new Map<string, { connector: string; tool: string; name: string; args: Record<string, unknown> }>();
  const out: Evidence[] = [];
  for (const line of lines) {
    const parsed = transcriptLine.safeParse(JSON.parse(line));
    if (!parsed.success) continue;
    const r = parsed.data as Record<string, unknown>;
    if (r['type'] === 'toolCall' && typeof r['callId'] === 'string')
      calls.set(r['callId'], {
        connector: String(r['connector'] ?? ''),
        tool: String(r['tool'] ?? ''),
        name: String(r['name'] ?? ''),
        args: (r['args'] && typeof r['args'] === 'object' ? r['args'] : {}) as Record<string, unknown>,
      });
    if (r['type'] === 'toolResult' && typeof r['callId'] === 'string') {
      const call = calls.get(r['callId']);
      if (call && call.connector && call.tool) out.push({ callId: r['callId'], ...call, result: String(r['content'] ?? '') });
    }
  }
  return out;
}

function builtinSession(name: BuiltinName, server: () => Promise<McpServer>): AttachedConnector {
  const connector: Connector = { id: `builtin:${name}`, name, label: name, visibility: 'builtin', config: { name }, builtin: { name }, enabled: true };
  const session = new ConnectorSession(connector, {
    placeholders: { secrets: { get: async () => undefined }, env: {} },
    log: memoryLog(),
    clientInfo: { name: 'connector-auditor-eval', version: '0' },
    builtinServer: server,
  });
  return { connector, session };
}

/** The recorded tools, listed as the server lists them; a call answers that the case recorded no result. */
function registerRecordedTools(server: McpServer, tools: NonNullable<EvalCase['connector']>['tools'], label: string): void {
  for (const t of tools) {
    const shape = Object.fromEntries(Object.keys((t.inputSchema?.['properties'] as Record<string, unknown> | undefined) ?? {}).map((k) => [k, z.unknown()]));
    server.registerTool(t.name, { description: t.description, inputSchema: shape }, async () => ({
      isError: true,
      content: [{ type: 'text', text: `not recorded: ${label} replays this server's tool list, not its results` }],
    }));
  }
}

/** An AWS shared-credentials file with the access key id secretlint's AWS rule matches (built at run time, never a literal here). */
function awsConfig(accessKeyId: string): string {
  return `[default]\naws_access_key_id = ${accessKeyId}\nregion = eu-west-1\n`;
}

export interface Summary {
  backend: string;
  cases: number;
  correct: number;
  /** Correct verdicts / cases. */
  accuracy: number;
  criticalFound: number;
  criticalTotal: number;
  recall: number;
  /** Compromised cases (malicious or sabotaged releases) called SAFE TO ADOPT: must be 0. */
  compromisedCalledSafe: number;
  citationsValid: number;
  citationsTotal: number;
  citationValidity: number;
  errors: number;
}

export function summarise(backend: string, results: readonly CaseResult[]): Summary {
  const correct = results.filter((r) => r.got === r.expected).length;
  const criticalTotal = results.reduce((n, r) => n + r.critical.length, 0);
  const criticalFound = results.reduce((n, r) => n + r.critical.filter((h) => h.found).length, 0);
  const citationsTotal = results.reduce((n, r) => n + r.citations.total, 0);
  const citationsValid = results.reduce((n, r) => n + r.citations.valid, 0);
  return {
    backend,
    cases: results.length,
    correct,
    accuracy: results.length ? correct / results.length : 0,
    criticalFound,
    criticalTotal,
    recall: criticalTotal ? criticalFound / criticalTotal : 1,
    compromisedCalledSafe: results.filter((r) => r.category === 'compromised' && r.got === 'SAFE TO ADOPT').length,
    citationsValid,
    citationsTotal,
    citationValidity: citationsTotal ? citationsValid / citationsTotal : 1,
    errors: results.filter((r) => r.error).length,
  };
}

/** What the rules-only run must reach (run.ts exits non-zero below it; eval.test.ts asserts it). */
export const THRESHOLDS = { accuracy: 0.8, recall: 0.9, compromisedCalledSafe: 0, citationValidity: 1 } as const;

export function meetsThresholds(s: Summary): string[] {
  const misses: string[] = [];
  if (s.accuracy < THRESHOLDS.accuracy) misses.push(`verdict accuracy ${pct(s.accuracy)} < ${pct(THRESHOLDS.accuracy)}`);
  if (s.recall < THRESHOLDS.recall) misses.push(`critical-finding recall ${pct(s.recall)} < ${pct(THRESHOLDS.recall)}`);
  if (s.compromisedCalledSafe > THRESHOLDS.compromisedCalledSafe) misses.push(`${s.compromisedCalledSafe} compromised case(s) called SAFE TO ADOPT`);
  if (s.citationValidity < THRESHOLDS.citationValidity) misses.push(`citation validity ${pct(s.citationValidity)} < ${pct(THRESHOLDS.citationValidity)}`);
  if (s.errors) misses.push(`${s.errors} case(s) ended without a report`);
  return misses;
}

export function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}
