import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { AuditReport } from '../audit/report';
import type { Evidence } from '../evidence/evidence';
import type { EvidenceReport } from '../evidence/evidenceReport';
import type { ConfirmationGate } from '../tools/confirmation';
import { maskArguments } from '../tools/maskArguments';
import type { PinCheck } from '../pins/toolPins';
import { ToolCaller, ToolCallError } from '../tools/toolCaller';
import { redactDeep, redactSecrets } from '../util/redact';
import { childSignal } from '../util/childSignal';
import { raceAbort } from './abort';
import type { AgentEvent, ToolCallStatus } from './agentEvents';
import { confirmationProbe } from './confirmationProbe';
import type { ChatMessage, ModelToolCall } from './modelClient';
import { checkSubmission, SUBMIT_REPORT_TOOL } from './submitReportTool';
import type { ToolCatalog } from './toolCatalog';
import type { Transcript } from './transcript';
import { resultText, wrapUntrusted } from './untrusted';

/**
 * One tool call of a model turn, from the raw call to the tool message the model reads. Every
 * failure (bad JSON, unknown tool, invalid arguments, denial, server error) becomes a tool
 * message the model can react to; nothing here throws into the loop.
 */

export interface CallContext {
  round: number;
  catalog: ToolCatalog;
  /** Names offered in this round: a name the model was not offered is unknown, whatever it means elsewhere. */
  offered: ReadonlySet<string>;
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  pins?: PinCheck;
  signal: AbortSignal;
  resultBudget: number;
  toolTimeoutMs?: number;
  secrets: () => Iterable<string>;
  emit: (event: AgentEvent) => void;
  transcript: Transcript;
  /** Weighs a valid submission against the run's evidence (audit/judge.ts): accepted as bounded, or sent back once. */
  acceptReport: (report: AuditReport) => ReportAcceptance;
}

export type ReportAcceptance = { ok: true; report: AuditReport; evidence?: EvidenceReport } | { ok: false; reason: string };

export interface CallResult {
  message: Extract<ChatMessage, { role: 'tool' }>;
  report?: AuditReport;
  evidenceReport?: EvidenceReport;
  /** A connector tool's result, as the evidence rules read it. */
  evidence?: Evidence;
}

/** Names listed back to a model that called an unknown tool, at most. */
const LISTED_NAMES = 40;
/** Characters of a result shown in a progress line. */
const PREVIEW = 160;

export async function executeCall(call: ModelToolCall, ctx: CallContext): Promise<CallResult> {
  const started = performance.now();
  const known = [...ctx.secrets()];
  const done = (status: ToolCallStatus, content: string, preview: string, extra: Omit<CallResult, 'message'> = {}): CallResult => {
    const durationMs = performance.now() - started;
    const shown = oneLine(redactSecrets(preview, known));
    ctx.emit({ type: 'toolCallFinished', round: ctx.round, callId: call.id, name: call.name, status, durationMs, preview: shown });
    ctx.transcript.record({ type: 'toolResult', round: ctx.round, callId: call.id, name: call.name, status, durationMs: Math.round(durationMs), content });
    return { message: { role: 'tool', toolCallId: call.id, name: call.name, content }, ...extra };
  };
  const args = parseArguments(call.arguments);

  if (call.name === SUBMIT_REPORT_TOOL && ctx.offered.has(call.name)) {
    startEvent(call, ctx, args.ok ? args.value : call.arguments, known);
    const submission = checkSubmission(call.arguments);
    if (!submission.ok) return done('error', submission.message, submission.message);
    // The model may quote a secret a person typed; the report is shown, stored and shared.
    const accepted = ctx.acceptReport(redactDeep(submission.report, known));
    if (!accepted.ok) return done('error', `The report was not accepted: ${accepted.reason}`, accepted.reason);
    const secretsNow = [...ctx.secrets()];
    const report = redactDeep(accepted.report, secretsNow);
    // The rules quote tool results (a finding's claim): masked like everything that leaves the run.
    const evidence = accepted.evidence ? redactDeep(accepted.evidence, secretsNow) : undefined;
    ctx.emit({ type: 'reportSubmitted', report, ...(evidence ? { evidence } : {}) });
    return done('ok', 'Report received. The audit is complete.', `verdict: ${report.verdict}`, {
      report,
      ...(evidence ? { evidenceReport: evidence } : {}),
    });
  }

  const entry = ctx.offered.has(call.name) ? ctx.catalog.byName.get(call.name) : undefined;
  if (!entry) {
    startEvent(call, ctx, args.ok ? args.value : call.arguments, known);
    const names = [...ctx.offered];
    const list = names.slice(0, LISTED_NAMES).join(', ') + (names.length > LISTED_NAMES ? ', …' : '');
    const message = `Error: there is no tool named "${call.name}" in this conversation. Use one of: ${list}.`;
    return done('error', message, message);
  }
  const { connector, session } = entry.attached;
  startEvent(call, ctx, args.ok ? args.value : call.arguments, known, connector.label, entry.tool.name);
  if (!args.ok) {
    const message = `Error: the arguments of ${call.name} are not a valid JSON object (${args.error}). Call it again with a JSON object matching its schema.`;
    return done('error', message, message);
  }

  // The dialog shows the arguments: the model may have put a secret a person typed into them.
  const masked: ConfirmationGate = {
    request: (r, signal) => ctx.confirmations.request({ ...r, args: maskArguments(r.args, known) as Record<string, unknown> }, signal),
  };
  const probe = confirmationProbe(
    masked,
    () => {
      ctx.emit({ type: 'awaitingConfirmation', round: ctx.round, callId: call.id, connector: connector.label, tool: entry.tool.name });
      ctx.transcript.record({ type: 'decision', round: ctx.round, callId: call.id, decision: 'asked' });
    },
    (allowed) => {
      ctx.emit({ type: 'confirmationAnswered', round: ctx.round, callId: call.id, allowed });
      ctx.transcript.record({ type: 'decision', round: ctx.round, callId: call.id, decision: allowed ? 'allowed' : 'denied' });
    },
  );
  const caller = new ToolCaller({ confirmations: probe, policy: ctx.policy, pins: ctx.pins });
  const callSignal = childSignal(ctx.signal);
  const request = {
    connector,
    session,
    toolName: entry.tool.name,
    args: args.value,
    signal: callSignal.signal,
    timeoutMs: ctx.toolTimeoutMs,
    confirmReason: entry.confirmReason,
  };
  try {
    const outcome = await raceAbort(caller.call(request), ctx.signal);
    if (outcome.aborted) return done('cancelled', cancelledText(call.name), 'cancelled');
    const { result } = outcome.value;
    const text = redactSecrets(resultText(result), known);
    const content = wrapUntrusted({
      name: call.name,
      connector: connector.label,
      tool: entry.tool.name,
      text,
      isError: result.isError === true,
      budget: ctx.resultBudget,
    });
    // The rules read the whole result (they weigh only built-in connectors' answers, evidence/extract.ts).
    const evidence: Evidence = {
      callId: call.id,
      connector: evidenceConnector(connector),
      tool: entry.tool.name,
      name: call.name,
      args: args.value,
      result: redactDeep(result, known),
    };
    return done(result.isError ? 'error' : 'ok', content, text, { evidence });
  } catch (err) {
    const out = failed(err, call.name, ctx, done, { connector: connector.label, tool: entry.tool.name });
    // A call that never ran is evidence nobody got: the report lists it under what could not be checked.
    const failure = { isError: true, content: [{ type: 'text', text: out.message.content }] };
    return {
      ...out,
      evidence: {
        callId: call.id,
        connector: evidenceConnector(connector),
        tool: entry.tool.name,
        name: call.name,
        args: args.value,
        result: failure,
      },
    };
  } finally {
    callSignal.dispose();
  }
}

function failed(
  err: unknown,
  name: string,
  ctx: CallContext,
  done: (status: ToolCallStatus, content: string, preview: string) => CallResult,
  where: { connector: string; tool: string },
): CallResult {
  if (ctx.signal.aborted) return done('cancelled', cancelledText(name), 'cancelled');
  // Error text is as likely as a result to quote what the server was given (a header, an env value).
  const reason = redactSecrets(err instanceof Error ? err.message : String(err), ctx.secrets());
  if (!(err instanceof ToolCallError)) {
    const message = `Error: ${name} failed unexpectedly (${reason}).`;
    return done('error', message, message);
  }
  if (err.failure === 'cancelled') return done('cancelled', cancelledText(name), 'cancelled');
  if (err.failure === 'denied') {
    const message = `The call was denied by the user: ${name} did not run. Do not call it again; carry on with the other tools and state in the report what could not be checked.`;
    return done('denied', message, 'denied by the user');
  }
  // These carry text the server wrote, which is as untrusted as a result.
  if (err.failure === 'protocol' || err.failure === 'connector' || err.failure === 'auth') {
    const content = `Error: the call failed (${err.failure}).\n${wrapUntrusted({ name, ...where, text: reason, isError: true, budget: ctx.resultBudget })}`;
    return done('error', content, reason);
  }
  const message = `Error (${err.failure}): ${reason}`;
  return done('error', message, message);
}

function startEvent(call: ModelToolCall, ctx: CallContext, args: unknown, known: string[], connector?: string, tool?: string): void {
  const masked = maskArguments(args, known);
  const internal = call.name === SUBMIT_REPORT_TOOL;
  ctx.emit({ type: 'toolCallStarted', round: ctx.round, callId: call.id, name: call.name, connector, tool, internal, args: masked });
  ctx.transcript.record({ type: 'toolCall', round: ctx.round, callId: call.id, name: call.name, connector, tool, args });
}

type ParsedArguments = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** Providers send "" for a call without arguments; anything else must be a JSON object. */
export function parseArguments(raw: string): ParsedArguments {
  if (raw.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return { ok: false, error: `got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}` };
  return { ok: true, value: value as Record<string, unknown> };
}

function cancelledText(name: string): string {
  return `The call to ${name} was cancelled by the user.`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW ? `${flat.slice(0, PREVIEW)}…` : flat;
}

/**
 * A call identical to one this run already made (same tool, same arguments): answered from the
 * run's own result instead of being run again, so a model that loops does not pay twice.
 */
export function repeatedCall(call: ModelToolCall, ctx: CallContext, previous: { callId: string; round: number; content?: string }): CallResult {
  const args = parseArguments(call.arguments);
  startEvent(call, ctx, args.ok ? args.value : call.arguments, [...ctx.secrets()]);
  // The earlier result is given again (it may have been compacted out of the history since).
  const again = previous.content ? `\n\nIts result, again:\n${previous.content}` : '';
  const content = `This call repeats ${previous.callId} (round ${previous.round}) with the same arguments, so it was not run again.${again}`;
  ctx.emit({
    type: 'toolCallFinished',
    round: ctx.round,
    callId: call.id,
    name: call.name,
    status: 'ok',
    durationMs: 0,
    preview: `repeat of ${previous.callId}, not run again`,
  });
  ctx.transcript.record({ type: 'toolResult', round: ctx.round, callId: call.id, name: call.name, status: 'ok', durationMs: 0, content });
  return { message: { role: 'tool', toolCallId: call.id, name: call.name, content } };
}

/**
 * The connector as evidence names it: a built-in by its own name (the rules read only those), any
 * other as "mcp:NAME", so a server someone named "github" or "supply_chain" is never read as ours.
 */
export function evidenceConnector(connector: { name: string; builtin?: { name: string } }): string {
  return connector.builtin ? connector.builtin.name : `mcp:${connector.name}`;
}
