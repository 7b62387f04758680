import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { AuditReport } from '../audit/report';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { PinCheck } from '../pins/toolPins';
import type { ConfirmationGate } from '../tools/confirmation';
import { redactDeep, redactSecrets, StreamRedactor } from '../util/redact';
import { raceAbort } from '../agent/abort';
import type { AgentEvent, FinishedEvent, FinishReason, UsageTotals } from '../agent/agentEvents';
import { DEFAULT_RUN_OPTIONS, type AgentRunOptions } from '../agent/agentRunner';
import { finishedEvent, startAgentRun, type AgentRun } from '../agent/runWiring';
import { auditorProfile, type AgentProfile } from '../agent/auditorProfile';
import type { AgentInput, Conversation } from '../agent/conversation';
import type { EventQueue } from '../agent/eventQueue';
import { MISTRAL_KEY_HINT } from '../agent/models/mistral';
import type { ChatMessage, ModelErrorKind } from '../agent/modelClient';
import { submitReportTool } from '../agent/submitReportTool';
import { buildToolCatalog, TooManyToolsError, type ToolCatalog } from '../agent/toolCatalog';
import { executeCall, type CallContext } from '../agent/toolExecution';
import { Transcript, type TranscriptSink } from '../agent/transcript';
import { conversationTools, loadConversationApi, type ConversationApi, type ConversationInputEntry, type ToolConfirmation } from './studioConversationSdk';
import { readResponse, type StudioResponse } from './studioEvents';
import { studioFailure } from './studioRunErrors';
import { confirmPending, ServerExecutions } from './studioServerCalls';
import type { StudioToolConfiguration } from './studioToolConfiguration';
import type { StudioConnector } from './studioModel';

export interface StudioAttachment {
  connector: StudioConnector;
  /** Sent as the connector's tool_configuration; derive with studioToolConfiguration(). */
  toolConfiguration: StudioToolConfiguration;
  /** The connector's tools as listed (optional): their annotations go into confirmation dialogs. */
  tools?: readonly Tool[];
}

export interface StudioAgentDeps {
  /** Key, URL and timeout of the Mistral API (same as StudioClient's); keyHint names the fix for a bad key. */
  api: { apiKey: string; serverUrl: string; timeoutMs?: number; keyHint?: string };
  model: string;
  studioConnectors: StudioAttachment[];
  /** Attach Mistral's built-in web_search. */
  webSearch: boolean;
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  pins?: PinCheck;
  profile?: AgentProfile;
  transcript?: TranscriptSink;
  secrets?: () => Iterable<string>;
  options?: Partial<AgentRunOptions>;
}

/** What the next request to Mistral carries: the first input, or what answers the last response. */
interface NextRequest {
  inputs?: string | ConversationInputEntry[];
  toolConfirmations?: ToolConfirmation[];
  reminder: boolean;
}

/**
 * The agent loop on Mistral's Conversations API ("Studio mode"): Studio connectors and
 * web_search run on Mistral's side, each response is read as it streams, and what it leaves to
 * the client is answered in an append: a pending confirmation with the person's answer, a local
 * connector's tool (offered as a function) with its result through executeCall — the same rules
 * as AgentRunner — and submit_audit_report with the report. Same contract as AgentRunner.run:
 * never throws, ends with one `finished` event.
 */
export class StudioAgentRunner {
  private readonly options: AgentRunOptions;
  private readonly profile: AgentProfile;

  constructor(private readonly deps: StudioAgentDeps) {
    this.options = { ...DEFAULT_RUN_OPTIONS, ...deps.options };
    this.profile = deps.profile ?? auditorProfile;
  }

  run(conversation: Conversation, input: AgentInput, signal?: AbortSignal): AgentRun {
    return startAgentRun(signal, (id, queue, runSignal) =>
      new StudioRunLoop(this.deps, this.options, this.profile, id, queue, runSignal).run(conversation, input),
    );
  }
}

class StudioRunLoop {
  private readonly started = performance.now();
  private readonly usage: UsageTotals = { inputTokens: 0, outputTokens: 0 };
  private readonly transcript: Transcript;
  private readonly secrets: () => Iterable<string>;
  private readonly executions: ServerExecutions;
  private rounds = 0;
  private lastAnswer: string | undefined;
  private target = '';

  constructor(
    private readonly deps: StudioAgentDeps,
    private readonly options: AgentRunOptions,
    private readonly profile: AgentProfile,
    id: string,
    private readonly queue: EventQueue<AgentEvent>,
    private readonly signal: AbortSignal,
  ) {
    this.secrets = deps.secrets ?? (() => []);
    this.transcript = new Transcript(deps.transcript, id, this.secrets, (message) => this.emit({ type: 'notice', message }));
    this.executions = new ServerExecutions(deps.studioConnectors, this.secrets, (e) => this.emit(e), this.transcript);
  }

  private emit(event: AgentEvent): void {
    this.queue.push(event);
  }

  async run(conversation: Conversation, input: AgentInput): Promise<FinishedEvent> {
    this.target = input.target?.trim() || input.text.trim().slice(0, 200);
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
      const listed = await raceAbort(buildToolCatalog(conversation.connectors, 1, this.options.maxTools, this.deps.pins), this.signal);
      if (listed.aborted) return this.finish('cancelled');
      catalog = listed.value;
    } catch (err) {
      if (err instanceof TooManyToolsError) return this.finish('error', err.message);
      throw err;
    }
    for (const message of catalog.notices) this.emit({ type: 'notice', message });
    const functions = [...catalog.tools, submit];
    const studio = this.deps.studioConnectors.map((a) => ({ connectorId: a.connector.id, toolConfiguration: a.toolConfiguration }));
    const tools = conversationTools(studio, this.deps.webSearch, functions);
    const { maxRounds, resultBudget } = this.options;
    const toolNames = [
      ...this.deps.studioConnectors.map((a) => `studio:${a.connector.name}`),
      ...(this.deps.webSearch ? ['web_search'] : []),
      ...functions.map((f) => f.name),
    ];
    this.transcript.record({ type: 'run', model: `mistral-studio:${this.deps.model}`, profile: this.profile.id, tools: toolNames, maxRounds, resultBudget });
    this.transcript.record({ type: 'message', round: 0, role: 'system', content: this.profile.instructions });
    this.append(conversation, { role: 'user', content: input.text }, 0);

    if (!this.deps.api.apiKey) return this.finish('error', `No Mistral API key. ${this.keyHint()}`, undefined, 'auth');
    const loaded = await raceAbort(loadConversationApi(this.deps.api), this.signal);
    if (loaded.aborted) return this.finish('cancelled');
    const api = loaded.value;
    const state = (conversation.studio ??= {});
    let next: NextRequest = { inputs: input.text, reminder: false };
    let reminded = false;
    while (this.rounds < maxRounds) {
      if (this.signal.aborted) return this.finish('cancelled');
      const round = ++this.rounds;
      this.emit({ type: 'roundStarted', round, maxRounds, toolCount: tools.length, reminder: next.reminder });
      const sent = await this.send(api, state, next, round, tools);
      if (!sent.ok) return this.finish(sent.reason, sent.message, undefined, sent.kind);
      const response = sent.response;
      const pending = response.functionCalls.filter((c) => c.confirmationStatus === 'pending');
      // Any other status is Mistral's own bookkeeping of a server-side call; only calls without one are ours to run.
      const local = response.functionCalls.filter((c) => !c.confirmationStatus);
      const toolCalls = local.map((c) => ({ id: c.toolCallId, name: c.name, arguments: c.arguments }));
      this.append(conversation, { role: 'assistant', content: response.text, ...(toolCalls.length ? { toolCalls } : {}) }, round);

      if (pending.length === 0 && local.length === 0) {
        if (response.text.trim()) this.lastAnswer = redactSecrets(response.text, this.secrets());
        if (reminded) return this.finish('no-verdict');
        reminded = true;
        this.append(conversation, { role: 'user', content: this.profile.reminder }, round);
        next = { inputs: this.profile.reminder, reminder: true };
        continue;
      }
      const callContext = this.callContext(
        round,
        catalog,
        functions.map((f) => f.name),
      );
      const pendingCtx = {
        round,
        attachments: this.deps.studioConnectors,
        confirmations: this.deps.confirmations,
        policy: this.deps.policy,
        signal: this.signal,
        secrets: this.secrets,
        emit: (e: AgentEvent) => this.emit(e),
        transcript: this.transcript,
      };
      const [confirmations, results] = await Promise.all([
        Promise.all(pending.map((call) => confirmPending(call, pendingCtx))),
        Promise.all(toolCalls.map((call) => executeCall(call, callContext))),
      ]);
      for (const result of results) conversation.messages.push(result.message);
      if (this.signal.aborted) return this.finish('cancelled');
      confirmations.forEach((c, i) => c.confirmation === 'allow' && this.executions.expect(pending[i].name, c.toolCallId));
      next = {
        ...(results.length
          ? { inputs: results.map((r) => ({ type: 'function.result' as const, toolCallId: r.message.toolCallId, result: r.message.content })) }
          : {}),
        ...(confirmations.length ? { toolConfirmations: confirmations } : {}),
        reminder: false,
      };
      const report = results.find((r) => r.report)?.report;
      if (report) {
        await this.close(api, conversation, state, next, round, tools);
        return this.finish('report', undefined, redactDeep(report, this.secrets()));
      }
    }
    return this.finish('step-limit', `stopped after ${maxRounds} rounds`);
  }

  /** One request and its streamed response; a failure or a cancellation is returned, for the caller to finish with. */
  private async send(
    api: ConversationApi,
    state: { conversationId?: string },
    next: NextRequest,
    round: number,
    tools: ReturnType<typeof conversationTools>,
  ): Promise<{ ok: true; response: StudioResponse } | { ok: false; reason: 'cancelled' | 'error'; message?: string; kind?: ModelErrorKind }> {
    const text = new StreamRedactor(this.secrets);
    const release = () => {
      const rest = text.flush();
      if (rest) this.emit({ type: 'text', round, delta: rest });
    };
    const handlers = {
      text: (delta: string) => {
        const shown = text.push(delta);
        if (shown) this.emit({ type: 'text', round, delta: shown });
      },
      // The text the redactor holds back was said before the tool ran: it goes before the tool's card.
      executionStarted: (exec: { id: string; name: string; arguments: string }) => {
        release();
        this.executions.started(round, exec);
      },
      executionDone: (exec: { id: string; name: string; isError: boolean; info: Record<string, unknown> }) => this.executions.done(round, exec),
    };
    let response: StudioResponse;
    try {
      const { temperature } = this.options;
      const stream = state.conversationId
        ? api.append(
            state.conversationId,
            { ...(next.inputs !== undefined ? { inputs: next.inputs } : {}), ...(next.toolConfirmations ? { toolConfirmations: next.toolConfirmations } : {}) },
            this.signal,
          )
        : api.start(
            {
              model: this.deps.model,
              inputs: next.inputs ?? '',
              instructions: this.profile.instructions,
              tools,
              ...(temperature !== undefined ? { completionArgs: { temperature } } : {}),
            },
            this.signal,
          );
      const read = await raceAbort(
        stream.then((events) => readResponse(events, handlers)),
        this.signal,
      );
      if (read.aborted) return { ok: false, reason: 'cancelled' };
      response = read.value;
    } catch (err) {
      const failure = studioFailure(err, { url: this.deps.api.serverUrl, keyHint: this.keyHint(), signal: this.signal }, api.transport(err), this.secrets());
      if (failure.kind === 'cancelled') return { ok: false, reason: 'cancelled' };
      return { ok: false, reason: 'error', message: failure.message, kind: failure.kind };
    } finally {
      release();
      this.executions.settle(round);
    }
    if (response.conversationId) state.conversationId = response.conversationId;
    if (response.usage) this.countUsage(round, response.usage);
    if (response.error) {
      const said = redactSecrets(response.error.message, this.secrets());
      return { ok: false, reason: 'error', message: `Mistral ended the response with an error (code ${response.error.code}): ${said}`, kind: 'server' };
    }
    if (!response.complete) {
      return {
        ok: false,
        reason: 'error',
        message: 'the Mistral response stream ended before it was done (no conversation.response.done event); try again',
        kind: 'server',
      };
    }
    return { ok: true, response };
  }

  /**
   * Answers the submit call (and any other call of the last response) so the Studio conversation
   * stays well formed for a follow-up run; the model's closing words are shown. The report is
   * already in hand, so a failure here is only a notice.
   */
  private async close(
    api: ConversationApi,
    conversation: Conversation,
    state: { conversationId?: string },
    next: NextRequest,
    round: number,
    tools: ReturnType<typeof conversationTools>,
  ): Promise<void> {
    if (this.signal.aborted || !state.conversationId) return;
    const sent = await this.send(api, state, next, round, tools);
    if (sent.ok && sent.response.text.trim()) this.append(conversation, { role: 'assistant', content: sent.response.text }, round);
    if (!sent.ok && sent.reason === 'error')
      this.emit({ type: 'notice', message: `The report was received, but Mistral's closing answer failed: ${sent.message}` });
  }

  private keyHint(): string {
    return this.deps.api.keyHint ?? MISTRAL_KEY_HINT;
  }

  private callContext(round: number, catalog: ToolCatalog, offered: string[]): CallContext {
    return {
      round,
      catalog,
      offered: new Set(offered),
      confirmations: this.deps.confirmations,
      policy: this.deps.policy,
      pins: this.deps.pins,
      signal: this.signal,
      resultBudget: this.options.resultBudget,
      toolTimeoutMs: this.options.toolTimeoutMs,
      secrets: this.secrets,
      emit: (event: AgentEvent) => this.emit(event),
      transcript: this.transcript,
    };
  }

  private countUsage(round: number, usage: { inputTokens: number; outputTokens: number }): void {
    this.usage.inputTokens += usage.inputTokens;
    this.usage.outputTokens += usage.outputTokens;
    this.emit({ type: 'usage', round, ...usage, total: { ...this.usage } });
    this.transcript.record({ type: 'usage', round, ...usage });
  }

  private append(conversation: Conversation, message: Exclude<ChatMessage, { role: 'tool' }>, round: number): void {
    conversation.messages.push(message);
    const toolCalls = message.role === 'assistant' ? message.toolCalls?.map((c) => ({ id: c.id, name: c.name, args: parseForRecord(c.arguments) })) : undefined;
    this.transcript.record({ type: 'message', round, role: message.role, content: message.content, ...(toolCalls ? { toolCalls } : {}) });
  }

  private finish(reason: FinishReason, detail?: string, report?: AuditReport, errorKind?: ModelErrorKind): FinishedEvent {
    const tally = { target: this.target, lastAnswer: this.lastAnswer, rounds: this.rounds, usage: this.usage, started: this.started };
    const event = finishedEvent(tally, this.transcript, reason, detail, report, errorKind);
    this.emit(event);
    return event;
  }
}

function parseForRecord(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
