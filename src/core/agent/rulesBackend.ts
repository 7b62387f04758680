import { judge } from '../audit/judge';
import { callKey, plannedCalls } from '../audit/plan/evidencePlan';
import { targetLabel } from '../audit/target';
import type { AgentBackend, BackendSession, BackendSink, RoundRequest, ToolRef, TurnResult } from './agentBackend';
import type { ModelToolCall } from './modelClient';
import { SUBMIT_REPORT_TOOL } from './submitReportTool';

/**
 * The backend with no model: each round it sends the built-in tool calls the evidence plan names
 * (audit/plan/evidencePlan.ts) that it has not sent yet, and when the plan has nothing new it
 * submits the rules' report. It runs in the one loop, so its calls go through the same policy,
 * confirmations, pins, tool cards and transcript as a model's, and its report through the same judge.
 */

export const RULES_MODEL_ID = 'evidence rules (no model)';

export interface RulesBackendOptions {
  /** Said once at the start, in the front end's words (where to set up a model, say). */
  intro?: string;
}

export function rulesBackend(options: RulesBackendOptions = {}): AgentBackend {
  return {
    modelId: RULES_MODEL_ID,
    serverTools: [],
    narrowsTools: false,
    open: async (_functions, sink, refs) => ({ ok: true, session: new RulesSession(refs, sink, options) }),
  };
}

class RulesSession implements BackendSession {
  private readonly sent = new Set<string>();
  private readonly missing = new Set<string>();
  private calls = 0;

  constructor(
    private readonly refs: readonly ToolRef[],
    private readonly sink: BackendSink,
    private readonly options: RulesBackendOptions,
  ) {}

  async turn(request: RoundRequest): Promise<TurnResult> {
    const spec = request.audit;
    if (!spec)
      return {
        ok: false,
        reason: 'error',
        message:
          'Without a model the auditor audits a named target: a repository (owner/repo), a package (name@version, pkg:npm/…, pypi:name), the open workspace, its dependencies or a connector. Name one, or set up a model to ask questions.',
      };
    if (request.round === 1) {
      const intro = this.options.intro ?? 'No model is configured: the evidence rules audit this on their own, from the built-in tools below.';
      this.sink.text(`${intro}\n\nAuditing ${targetLabel(spec.target)}.`);
      this.sink.flushText();
    }
    const toolCalls: ModelToolCall[] = [];
    // On the last round the rules report on what they have, rather than leave the run without one.
    for (const planned of request.lastRound ? [] : plannedCalls(spec.target, request.evidence)) {
      const key = callKey(planned);
      if (this.sent.has(key)) continue;
      const ref = this.refs.find((r) => r.builtin && r.connector === planned.connector && r.tool === planned.tool);
      if (!ref) {
        this.missing.add(`${planned.connector}/${planned.tool}`);
        continue;
      }
      this.sent.add(key);
      toolCalls.push({ id: `rules-${++this.calls}`, name: ref.modelName, arguments: JSON.stringify(planned.args) });
    }
    if (toolCalls.length) return { ok: true, turn: { text: '', toolCalls, pending: [] } };

    const judged = judge({ spec, evidence: request.evidence, sentBack: false });
    if (judged.kind !== 'accepted') return { ok: false, reason: 'error', message: judged.reason };
    if (this.missing.size) {
      const missing = [...this.missing].sort().join(', ');
      this.sink.text(`\n\nNot offered in this audit, so not checked: ${missing}. Attach (or enable) those connectors for a fuller report.`);
      this.sink.flushText();
    }
    // The findings are the rules' own; the judge adds them back with their checks and locations.
    const submission = { target: judged.report.target, verdict: judged.report.verdict, summary: judged.report.summary, findings: [] };
    return { ok: true, turn: { text: '', toolCalls: [{ id: 'rules-report', name: SUBMIT_REPORT_TOOL, arguments: JSON.stringify(submission) }], pending: [] } };
  }
}
