import { judge, type AuditSpec } from '../audit/judge';
import type { EvidenceNote } from '../evidence/signals';
import type { Policy } from '../evidence/policy';
import type { AuditReport } from '../audit/report';
import type { EvidenceReport } from '../evidence/evidenceReport';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { PinCheck } from '../pins/toolPins';
import type { ConfirmationGate } from '../tools/confirmation';
import { redactDeep, redactSecrets, StreamRedactor } from '../util/redact';
import { raceAbort } from './abort';
import type { AgentEvent, FinishedEvent, FinishReason, UsageTotals } from './agentEvents';
import { auditorProfile, type AgentProfile } from './auditorProfile';
import type { AgentInput, Conversation } from './conversation';
import type { EventQueue } from './eventQueue';
import { finishedEvent, startAgentRun, type AgentRun } from './runWiring';
import type {
  AgentBackend,
  BackendSession,
  BackendSink,
  PendingAnswer,
  PendingCall,
  PendingContext,
  RoundRequest,
  ToolRef,
  ToolResultEntry,
} from './agentBackend';
import { localModelBackend } from './localModelBackend';
import { RULES_MODEL_ID } from './rulesBackend';
import type { ChatMessage, ModelClient, ModelErrorKind, ModelTool, ModelToolCall } from './modelClient';
import { buildToolCatalog, MAX_TOOLS, TooManyToolsError, type ToolCatalog } from './toolCatalog';
import { executeCall, repeatedCall, type CallContext, type CallResult, type ReportAcceptance } from './toolExecution';
import { RunEvidence } from './runEvidence';
import { SUBMIT_REPORT_TOOL, submitReportTool } from './submitReportTool';
import { canonicalJson } from '../pins/toolHash';
import { Transcript, type TranscriptSink } from './transcript';
import { DEFAULT_RESULT_BUDGET } from './untrusted';
import { ContextBudget, resultShare } from './contextBudget';

/**
 * The one agent loop, for the chat view and the CLI and for every backend (agentBackend.ts):
 * a turn of the backend → tool calls (concurrently, each through ToolCaller and so through
 * policy and confirmation) and the backend's held calls (through the same confirmations) →
 * results as untrusted data → the next turn … until the auditor submits its report, or the run
 * runs out of rounds, is cancelled or fails. A run never throws: it always ends with one
 * `finished` event.
 */

export interface AgentRunOptions {
  /** Model requests per run, the reminder round included. */
  maxRounds: number;
  /** The model's context window in tokens: older results are compacted before a request would pass it (contextBudget.ts). */
  maxContextTokens: number;
  /** Offer tools their server marks destructive (GitHub's create_issue …); an audit reads, so off by default. */
  allowWriteTools: boolean;
  /** Characters of one tool result the model sees. */
  resultBudget: number;
  maxTools: number;
  /** Per tool call; defaults to the connector's `timeouts.call`. */
  toolTimeoutMs?: number;
  temperature?: number;
}

/** When the model's window is not known: the smallest common one (Ollama's default models, many local servers). */
export const DEFAULT_CONTEXT_TOKENS = 32_000;

export const DEFAULT_RUN_OPTIONS: AgentRunOptions = {
  maxRounds: 25,
  maxContextTokens: DEFAULT_CONTEXT_TOKENS,
  allowWriteTools: false,
  resultBudget: DEFAULT_RESULT_BUDGET,
  maxTools: MAX_TOOLS,
};

export interface AgentRunnerDeps {
  /** The local model: the backend when none is given. */
  model?: ModelClient;
  /**
   * Who answers each round (agentBackend.ts): Studio's Conversations API, say, or a function of
   * the conversation for a backend that keeps state on it (Studio's conversation id).
   */
  backend?: AgentBackend | ((conversation: Conversation) => AgentBackend);
  /** The app's shared service: one dialog at a time, across runs and direct calls. */
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  /** Tool pins: held tools are not offered, and a tool that changes during the run asks first. */
  pins?: PinCheck;
  /** The organisation's tightening of the evidence rules (from the private registry file only). */
  evidencePolicy?: Policy;
  profile?: AgentProfile;
  transcript?: TranscriptSink;
  /** Secret values known to the front end (resolved keys and tokens), masked wherever text leaves the loop. */
  secrets?: () => Iterable<string>;
  options?: Partial<AgentRunOptions>;
}

export type { AgentRun } from './runWiring';

export class AgentRunner {
  private readonly options: AgentRunOptions;
  private readonly profile: AgentProfile;
  private readonly backend: (conversation: Conversation) => AgentBackend;

  constructor(private readonly deps: AgentRunnerDeps) {
    // The window: as the person set it, else as the model declares it, else the safe default.
    const declared = deps.model?.contextTokens;
    this.options = { ...DEFAULT_RUN_OPTIONS, ...(declared ? { maxContextTokens: declared } : {}), ...definedOnly(deps.options ?? {}) };
    this.profile = deps.profile ?? auditorProfile;
    const given = deps.backend ?? (deps.model ? localModelBackend(deps.model) : undefined);
    if (!given) throw new Error('AgentRunner needs a model or a backend');
    this.backend = typeof given === 'function' ? given : () => given;
  }

  /** Starts at once; events are buffered until read. Leaving a `for await` early cancels the run. */
  run(conversation: Conversation, input: AgentInput, signal?: AbortSignal): AgentRun {
    return startAgentRun(signal, (id, queue, runSignal) =>
      new RunLoop(this.deps, this.backend(conversation), this.options, this.profile, id, queue, runSignal).run(conversation, input),
    );
  }
}

/** What answers the last turn, carried into the next round's request. */
interface Carried {
  input?: string;
  results: ToolResultEntry[];
  confirmations: PendingAnswer[];
  reminder: boolean;
}

/** The state of one run. */
class RunLoop {
  private readonly started = performance.now();
  private readonly usage: UsageTotals = { inputTokens: 0, outputTokens: 0 };
  private readonly transcript: Transcript;
  private readonly secrets: () => Iterable<string>;
  private rounds = 0;
  private lastAnswer: string | undefined;
  private target = '';
  private input: AgentInput = { text: '' };
  /** Every connector tool result, whole, for the rules (audit/judge.ts) and a backend that plans from them. */
  private readonly gathered = new RunEvidence();
  /** The tools the run offered, for the report. */
  private offered: string[] = [];
  /** Calls that succeeded, by tool and arguments: the same call again is answered from here. */
  private readonly made = new Map<string, { callId: string; round: number; content: Promise<string | undefined> }>();
  /** The model gets one chance to fix a report sent back (wrong target, citations from nowhere). */
  private sentBack = false;
  private budget = new ContextBudget(DEFAULT_CONTEXT_TOKENS);
  /** Why the run was cut short (the last round, a full window), for what the report could not check. */
  private budgetCut: string | undefined;
  /** The report sent back: should the model never submit another, it stands as judged (marked), rather than being lost. */
  private sentBackReport: AuditReport | undefined;
  /** The round whose text is streaming, and its masking (a secret may arrive split across two deltas). */
  private textRound = 0;
  private text: StreamRedactor;

  constructor(
    private readonly deps: AgentRunnerDeps,
    private readonly backend: AgentBackend,
    private readonly options: AgentRunOptions,
    private readonly profile: AgentProfile,
    id: string,
    private readonly queue: EventQueue<AgentEvent>,
    private readonly signal: AbortSignal,
  ) {
    this.secrets = deps.secrets ?? (() => []);
    this.transcript = new Transcript(deps.transcript, id, this.secrets, (message) => this.emit({ type: 'notice', message }));
    this.text = new StreamRedactor(this.secrets);
  }

  private emit(event: AgentEvent): void {
    this.queue.push(event);
  }

  async run(conversation: Conversation, input: AgentInput): Promise<FinishedEvent> {
    this.target = input.target?.trim() || input.text.trim().slice(0, 200);
    this.input = input;
    try {
      return await this.loop(conversation, input);
    } catch (err) {
      // A bug, not a provider or tool failure (those are handled where they happen).
      return this.finish(this.signal.aborted ? 'cancelled' : 'error', redactSecrets(err instanceof Error ? err.message : String(err), this.secrets()));
    }
  }

  private async loop(conversation: Conversation, input: AgentInput): Promise<FinishedEvent> {
    const submit = submitReportTool();
    let catalog: ToolCatalog;
    try {
      // Connecting can take up to a connector's connect timeout; cancelling must not wait for it.
      const listed = await raceAbort(
        buildToolCatalog(conversation.connectors, 1, this.options.maxTools, this.deps.pins, this.options.allowWriteTools),
        this.signal,
      );
      if (listed.aborted) return this.finish('cancelled');
      catalog = listed.value;
    } catch (err) {
      if (err instanceof TooManyToolsError) return this.finish('error', err.message);
      throw err;
    }
    for (const message of catalog.notices) this.emit({ type: 'notice', message });
    const functions: ModelTool[] = [...catalog.tools, submit];
    this.offered = [...this.backend.serverTools, ...catalog.tools.map((t) => t.name)];
    const { maxRounds, maxContextTokens } = this.options;
    // One result never takes more than its share of the window.
    const resultBudget = Math.min(this.options.resultBudget, resultShare(maxContextTokens));
    this.budget = new ContextBudget(maxContextTokens);
    const backend = this.backend;
    this.transcript.record({
      type: 'run',
      model: backend.modelId,
      profile: this.profile.id,
      tools: [...backend.serverTools, ...functions.map((t) => t.name)],
      maxRounds,
      resultBudget,
      maxContextTokens,
    });
    this.transcript.record({ type: 'message', round: 0, role: 'system', content: this.profile.instructions });
    this.append(conversation, { role: 'user', content: input.text }, 0);

    const refs: ToolRef[] = [...catalog.byName.values()].map((e) => ({
      modelName: e.modelName,
      connector: e.attached.connector.builtin?.name ?? e.attached.connector.name,
      builtin: e.attached.connector.builtin !== undefined,
      tool: e.tool.name,
    }));
    const opened = await backend.open(functions, this.sink(), refs);
    if (!opened.ok) return this.finish(opened.reason, opened.message, undefined, opened.kind);
    const session = opened.session;

    let carried: Carried = { input: input.text, results: [], confirmations: [], reminder: false };
    let reminded = false;
    while (this.rounds < maxRounds) {
      if (this.signal.aborted) return this.finish('cancelled');
      const round = ++this.rounds;
      const request = this.nextRequest(round, conversation, functions, submit, carried);
      this.emit({ type: 'roundStarted', round, maxRounds, toolCount: backend.serverTools.length + request.tools.length, reminder: request.reminder });
      this.startText(round);
      if (request.overflow) return this.finishWithoutReport('error', request.overflow);
      const result = await session.turn(request);
      if (!result.ok) {
        // A report sent back earlier is still better than none when the provider then fails.
        if (result.reason === 'error' && this.sentBackReport) return this.finishWithoutReport('error', result.message);
        return this.finish(result.reason, result.message, undefined, result.kind);
      }
      this.flushText();
      const turn = result.turn;
      this.append(conversation, { role: 'assistant', content: turn.text, ...(turn.toolCalls.length ? { toolCalls: turn.toolCalls } : {}) }, round);

      if (turn.toolCalls.length === 0 && turn.pending.length === 0) {
        if (turn.text.trim()) this.lastAnswer = redactSecrets(turn.text, this.secrets());
        if (reminded) return this.finishWithoutReport('no-verdict');
        reminded = true;
        this.append(conversation, { role: 'user', content: this.profile.reminder }, round);
        carried = { input: this.profile.reminder, results: [], confirmations: [], reminder: true };
        continue;
      }
      const callContext: CallContext = {
        round,
        catalog,
        offered: new Set(request.tools.map((t) => t.name)),
        confirmations: this.deps.confirmations,
        policy: this.deps.policy,
        pins: this.deps.pins,
        signal: this.signal,
        resultBudget,
        toolTimeoutMs: this.options.toolTimeoutMs,
        secrets: this.secrets,
        emit: (event: AgentEvent) => this.emit(event),
        transcript: this.transcript,
        acceptReport: (report) => this.accept(report),
      };
      const pendingContext: PendingContext = {
        round,
        confirmations: this.deps.confirmations,
        policy: this.deps.policy,
        signal: this.signal,
        secrets: this.secrets,
        emit: (event: AgentEvent) => {
          this.gathered.serverEvent(event);
          this.emit(event);
        },
        transcript: this.transcript,
      };
      // Concurrent on purpose; ConfirmationService still shows one dialog at a time. Promise.all keeps call order.
      const [confirmations, results] = await Promise.all([
        Promise.all(turn.pending.map((call) => this.confirmPending(session, call, pendingContext))),
        this.runTurnCalls(turn.toolCalls, callContext),
      ]);
      for (const result of results) conversation.messages.push(result.message);
      if (this.signal.aborted) return this.finish('cancelled');
      carried = { results: results.map((r) => ({ toolCallId: r.message.toolCallId, content: r.message.content })), confirmations, reminder: false };
      const submitted = results.find((r) => r.report);
      if (submitted?.report) {
        if (session.close) await this.close(session, conversation, this.nextRequest(round, conversation, functions, submit, carried));
        // The model may quote a secret a person typed; the report is shown, saved and shared.
        return this.finish('report', undefined, redactDeep(submitted.report, this.secrets()), undefined, submitted.evidenceReport);
      }
    }
    return this.finishWithoutReport('step-limit', `stopped after ${maxRounds} rounds`);
  }

  /** Out of turns or answers: a report sent back earlier is still the best there is, judged as it stands. */
  private finishWithoutReport(reason: 'no-verdict' | 'step-limit' | 'error', detail?: string): FinishedEvent {
    const report = this.sentBackReport;
    if (!report) return this.finish(reason, detail);
    const judged = judge({ spec: this.spec(), evidence: this.gathered.items, report, sentBack: true });
    if (judged.kind !== 'accepted') return this.finish(reason, detail);
    const accepted = redactDeep(judged.report, this.secrets());
    this.emit({ type: 'reportSubmitted', report: accepted, ...(judged.evidence ? { evidence: judged.evidence } : {}) });
    return this.finish('report', undefined, accepted, undefined, judged.evidence);
  }

  /**
   * The request of one round, assembled here and only here: the history (with the instructions),
   * the tools offered (the reminder round narrows them to the report tool and requires a call,
   * the clearest way to ask for the report, where the backend can), and what answers the last turn.
   */
  private nextRequest(round: number, conversation: Conversation, functions: ModelTool[], submit: ModelTool, carried: Carried): RoundRequest {
    const system: ChatMessage = { role: 'system', content: this.profile.instructions };
    // This round answers the latest assistant turn: it and its results are never compacted.
    const lastAssistant = conversation.messages.map((m) => m.role).lastIndexOf('assistant');
    const keepFrom = lastAssistant < 0 ? conversation.messages.length : lastAssistant;
    let narrow = carried.reminder && this.backend.narrowsTools;
    let fitted = this.budget.fit(system, conversation.messages, narrow ? [submit] : functions, keepFrom);
    if (fitted.newlyCompacted)
      this.emit({
        type: 'notice',
        message: `${fitted.newlyCompacted} older tool result${fitted.newlyCompacted === 1 ? ' was' : 's were'} compacted to keep the request inside the model's context window (${this.budget.maxTokens} tokens).`,
      });
    const lastRound = round >= this.options.maxRounds;
    const forced = (lastRound || !fitted.fits) && !carried.reminder && this.backend.narrowsTools;
    let messages = fitted.messages;
    if (forced) {
      // Out of rounds or room is not out of evidence: one last request asks for the report only.
      const why = lastRound ? `this is the last of ${this.options.maxRounds} rounds` : `the context window (${this.budget.maxTokens} tokens) is full`;
      this.budgetCut = why;
      narrow = true;
      // Said in this request only: a follow-up in the chat must not inherit "do not call tools".
      const note: ChatMessage = {
        role: 'user',
        content: `Budget reached (${why}). Do not call other tools: submit the report now with the evidence gathered, and say in the findings what could not be checked.`,
      };
      this.transcript.record({ type: 'message', round, role: 'user', content: note.content });
      fitted = this.budget.fit(system, conversation.messages, [submit], conversation.messages.length);
      messages = [...fitted.messages, note];
    }
    // Still too large with everything compactable cut: no request goes over the window.
    const overflow =
      this.backend.narrowsTools && !fitted.fits
        ? `The request does not fit the model's context window (${this.budget.maxTokens} tokens) even with every older tool result compacted: raise --max-context-tokens (connectorAuditor.agent.maxContextTokens) or attach fewer tools.`
        : undefined;
    return {
      round,
      reminder: carried.reminder || forced,
      instructions: this.profile.instructions,
      messages,
      tools: narrow ? [submit] : functions,
      toolChoice: narrow ? 'required' : 'auto',
      temperature: this.options.temperature,
      ...(carried.input !== undefined ? { input: carried.input } : {}),
      results: carried.results,
      confirmations: carried.confirmations,
      evidence: this.gathered.items,
      ...(this.input.audit ? { audit: this.input.audit } : {}),
      estimatedTokens: fitted.tokens,
      lastRound,
      ...(overflow ? { overflow } : {}),
    };
  }

  /**
   * A turn's calls: the connector tools concurrently (ConfirmationService still shows one dialog at
   * a time), each counted as evidence as it ends, then the report — so a report submitted beside
   * the calls that back it is judged with their results. Results keep call order.
   */
  private async runTurnCalls(calls: readonly ModelToolCall[], ctx: CallContext): Promise<CallResult[]> {
    const results = new Array<CallResult>(calls.length);
    const isSubmit = (c: ModelToolCall) => c.name === SUBMIT_REPORT_TOOL;
    await Promise.all(
      calls.map(async (call, i) => {
        if (isSubmit(call)) return;
        results[i] = await this.runCall(call, ctx);
        if (results[i].evidence) this.gathered.add(results[i].evidence!);
      }),
    );
    for (const [i, call] of calls.entries()) if (isSubmit(call)) results[i] = await executeCall(call, ctx);
    return results;
  }

  /** Runs a call, unless this run already made the same one successfully (then that result is given again). */
  private async runCall(call: ModelToolCall, ctx: CallContext): Promise<CallResult> {
    const key = `${call.name}\u0000${normaliseArguments(call.arguments)}`;
    const previous = ctx.offered.has(call.name) ? this.made.get(key) : undefined;
    if (previous) return repeatedCall(call, ctx, { ...previous, content: await previous.content });
    // Reserved before it runs, so the same call twice in one turn runs once.
    let settle: (content: string | undefined) => void = () => undefined;
    const content = new Promise<string | undefined>((resolve) => (settle = resolve));
    this.made.set(key, { callId: call.id, round: ctx.round, content });
    const result = await executeCall(call, ctx);
    const failed = !result.evidence || (result.evidence.result as { isError?: boolean } | undefined)?.isError === true;
    // A failed call may be tried again: it is forgotten, and a same-turn twin waiting on it runs the answer it got.
    if (failed) this.made.delete(key);
    settle(result.message.content);
    return result;
  }

  /** The run's audit, with what its budget cut short. */
  private spec(): AuditSpec | undefined {
    const given = this.input.audit;
    const spec = given && this.deps.evidencePolicy && !given.policy ? { ...given, policy: this.deps.evidencePolicy } : given;
    if (!spec || !this.budgetCut) return spec;
    const note: EvidenceNote = {
      callId: 'budget',
      tool: 'the run',
      reason: 'budget',
      text: `The run was cut short: ${this.budgetCut}; the report rests on what was gathered before.`,
    };
    return { ...spec, notes: [...(spec.notes ?? []), note] };
  }

  /** A valid submission, weighed against the evidence: bounded and accepted, or sent back once. */
  private accept(report: AuditReport): ReportAcceptance {
    // The rules backend submits the rules' own report: there is no model verdict to bound.
    const own = this.backend.modelId === RULES_MODEL_ID && this.input.audit !== undefined;
    const judged = judge({ spec: this.spec(), evidence: this.gathered.items, ...(own ? {} : { report }), sentBack: this.sentBack });
    if (judged.kind === 'sendBack') {
      this.sentBack = true;
      this.sentBackReport = report;
      return { ok: false, reason: judged.reason };
    }
    return { ok: true, report: judged.report, ...(judged.evidence ? { evidence: judged.evidence } : {}) };
  }

  private confirmPending(session: BackendSession, call: PendingCall, ctx: PendingContext): Promise<PendingAnswer> {
    // A backend that holds calls for confirmation asks through this run's ConfirmationService.
    if (!session.confirmPending) return Promise.resolve({ toolCallId: call.id, confirmation: 'deny' });
    return session.confirmPending(call, ctx);
  }

  /** The report is already in hand: the backend's closing words are shown, and a failure is only a notice. */
  private async close(session: BackendSession, conversation: Conversation, request: RoundRequest): Promise<void> {
    if (this.signal.aborted || !session.close) return;
    this.startText(request.round);
    const closed = await session.close(request);
    if (closed.ok && closed.turn.text.trim()) this.append(conversation, { role: 'assistant', content: closed.turn.text }, request.round);
    if (!closed.ok && closed.reason === 'error')
      this.emit({ type: 'notice', message: `The report was received, but Mistral's closing answer failed: ${closed.message}` });
  }

  /** The loop's outlets for a backend: text is masked here, usage is counted here. */
  private sink(): BackendSink {
    return {
      text: (delta) => {
        const shown = this.text.push(delta);
        if (shown) this.emit({ type: 'text', round: this.textRound, delta: shown });
      },
      flushText: () => this.flushText(),
      usage: (usage) => this.countUsage(this.textRound, usage),
      emit: (event) => {
        this.gathered.serverEvent(event);
        this.emit(event);
      },
      transcript: this.transcript,
      secrets: this.secrets,
      signal: this.signal,
    };
  }

  private startText(round: number): void {
    this.textRound = round;
    this.text = new StreamRedactor(this.secrets);
  }

  private flushText(): void {
    const rest = this.text.flush();
    if (rest) this.emit({ type: 'text', round: this.textRound, delta: rest });
  }

  private countUsage(round: number, usage: { inputTokens: number; outputTokens: number }): void {
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
    this.emit({ type: 'usage', round, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, total: { ...this.usage } });
    this.transcript.record({ type: 'usage', round, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens });
  }

  /** Adds a message to the history and the transcript (tool calls with their arguments parsed, so they can be masked). */
  private append(conversation: Conversation, message: Exclude<ChatMessage, { role: 'tool' }>, round: number): void {
    conversation.messages.push(message);
    const toolCalls = message.role === 'assistant' ? message.toolCalls?.map((c) => ({ id: c.id, name: c.name, args: parseForRecord(c.arguments) })) : undefined;
    this.transcript.record({ type: 'message', round, role: message.role, content: message.content, ...(toolCalls ? { toolCalls } : {}) });
  }

  /** Ends the run: with the report for 'report', else with an undetermined outcome saying why. */
  private finish(reason: FinishReason, detail?: string, report?: AuditReport, errorKind?: ModelErrorKind, evidence?: EvidenceReport): FinishedEvent {
    const tally = {
      target: this.target,
      lastAnswer: this.lastAnswer,
      rounds: this.rounds,
      usage: this.usage,
      started: this.started,
      model: this.backend.modelId,
      calls: this.gathered.calls,
      tools: this.offered,
    };
    const event = finishedEvent(tally, this.transcript, reason, detail, report, errorKind, evidence);
    this.emit(event);
    return event;
  }
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Arguments as a key: the same object however its keys were ordered or spaced. */
function normaliseArguments(raw: string): string {
  const parsed = parseForRecord(raw);
  return typeof parsed === 'string' ? parsed : canonicalJson(parsed);
}

function parseForRecord(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
