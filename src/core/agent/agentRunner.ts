import type { AuditReport } from '../audit/report';
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
import { ModelError, type ChatMessage, type ModelClient, type ModelErrorKind, type ModelEvent, type ModelTool } from './modelClient';
import { streamTurn } from './modelTurn';
import { submitReportTool } from './submitReportTool';
import { buildToolCatalog, MAX_TOOLS, TooManyToolsError, type ToolCatalog } from './toolCatalog';
import { executeCall } from './toolExecution';
import { Transcript, type TranscriptSink } from './transcript';
import { DEFAULT_RESULT_BUDGET } from './untrusted';

/**
 * The agent loop shared by the chat view and the CLI: model → tool calls (concurrently, each
 * through ToolCaller and so through policy and confirmation) → results as untrusted data →
 * model … until the auditor submits its report, or the run runs out of rounds, is cancelled
 * or fails. A run never throws: it always ends with one `finished` event.
 */

export interface AgentRunOptions {
  /** Model requests per run, the reminder round included. */
  maxRounds: number;
  /** Characters of one tool result the model sees. */
  resultBudget: number;
  maxTools: number;
  /** Per tool call; defaults to the connector's `timeouts.call`. */
  toolTimeoutMs?: number;
  temperature?: number;
}

export const DEFAULT_RUN_OPTIONS: AgentRunOptions = { maxRounds: 25, resultBudget: DEFAULT_RESULT_BUDGET, maxTools: MAX_TOOLS };

export interface AgentRunnerDeps {
  model: ModelClient;
  /** The app's shared service: one dialog at a time, across runs and direct calls. */
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  /** Tool pins: held tools are not offered, and a tool that changes during the run asks first. */
  pins?: PinCheck;
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

  constructor(private readonly deps: AgentRunnerDeps) {
    this.options = { ...DEFAULT_RUN_OPTIONS, ...deps.options };
    this.profile = deps.profile ?? auditorProfile;
  }

  /** Starts at once; events are buffered until read. Leaving a `for await` early cancels the run. */
  run(conversation: Conversation, input: AgentInput, signal?: AbortSignal): AgentRun {
    return startAgentRun(signal, (id, queue, runSignal) => new RunLoop(this.deps, this.options, this.profile, id, queue, runSignal).run(conversation, input));
  }
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

  constructor(
    private readonly deps: AgentRunnerDeps,
    private readonly options: AgentRunOptions,
    private readonly profile: AgentProfile,
    id: string,
    private readonly queue: EventQueue<AgentEvent>,
    private readonly signal: AbortSignal,
  ) {
    this.secrets = deps.secrets ?? (() => []);
    this.transcript = new Transcript(deps.transcript, id, this.secrets, (message) => this.emit({ type: 'notice', message }));
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
      return this.finish(this.signal.aborted ? 'cancelled' : 'error', err instanceof Error ? err.message : String(err));
    }
  }

  private async loop(conversation: Conversation, input: AgentInput): Promise<FinishedEvent> {
    const submit = submitReportTool();
    let catalog: ToolCatalog;
    try {
      // Connecting can take up to a connector's connect timeout; cancelling must not wait for it.
      const listed = await raceAbort(buildToolCatalog(conversation.connectors, 1, this.options.maxTools, this.deps.pins), this.signal);
      if (listed.aborted) return this.finish('cancelled');
      catalog = listed.value;
    } catch (err) {
      if (err instanceof TooManyToolsError) return this.finish('error', err.message);
      throw err;
    }
    for (const message of catalog.notices) this.emit({ type: 'notice', message });
    const allTools: ModelTool[] = [...catalog.tools, submit];
    const { maxRounds, resultBudget, toolTimeoutMs, temperature } = this.options;
    this.transcript.record({ type: 'run', model: this.deps.model.id, profile: this.profile.id, tools: allTools.map((t) => t.name), maxRounds, resultBudget });
    this.transcript.record({ type: 'message', round: 0, role: 'system', content: this.profile.instructions });
    this.append(conversation, { role: 'user', content: input.text }, 0);

    let reminded = false;
    let reminderRound = false;
    while (this.rounds < maxRounds) {
      if (this.signal.aborted) return this.finish('cancelled');
      const round = ++this.rounds;
      // The reminder round offers only the submit tool and requires a call: the clearest way to ask for the report.
      const tools = reminderRound ? [submit] : allTools;
      this.emit({ type: 'roundStarted', round, maxRounds, toolCount: tools.length, reminder: reminderRound });
      const messages: ChatMessage[] = [{ role: 'system', content: this.profile.instructions }, ...conversation.messages];
      const request = { messages, tools, toolChoice: reminderRound ? ('required' as const) : ('auto' as const), parallelToolCalls: true, temperature };
      let turn;
      const text = new StreamRedactor(this.secrets);
      try {
        turn = await streamTurn(this.deps.model, request, this.signal, (event) => this.onModelEvent(round, event, text));
        const rest = text.flush();
        if (rest) this.emit({ type: 'text', round, delta: rest });
      } catch (err) {
        if (this.signal.aborted || (err instanceof ModelError && err.kind === 'cancelled')) return this.finish('cancelled');
        const kind = err instanceof ModelError ? err.kind : undefined;
        return this.finish('error', redactSecrets(err instanceof Error ? err.message : String(err), this.secrets()), undefined, kind);
      }
      if (!turn) return this.finish('cancelled');
      this.append(conversation, { role: 'assistant', content: turn.text, ...(turn.toolCalls.length ? { toolCalls: turn.toolCalls } : {}) }, round);

      if (turn.toolCalls.length === 0) {
        if (turn.text.trim()) this.lastAnswer = redactSecrets(turn.text, this.secrets());
        if (reminded) return this.finish('no-verdict');
        reminded = reminderRound = true;
        this.append(conversation, { role: 'user', content: this.profile.reminder }, round);
        continue;
      }
      reminderRound = false;
      const context = {
        round,
        catalog,
        offered: new Set(tools.map((t) => t.name)),
        confirmations: this.deps.confirmations,
        policy: this.deps.policy,
        pins: this.deps.pins,
        signal: this.signal,
        resultBudget,
        toolTimeoutMs,
        secrets: this.secrets,
        emit: (event: AgentEvent) => this.emit(event),
        transcript: this.transcript,
      };
      // Concurrent on purpose; ConfirmationService still shows one dialog at a time. Promise.all keeps call order.
      const results = await Promise.all(turn.toolCalls.map((call) => executeCall(call, context)));
      for (const result of results) conversation.messages.push(result.message);
      if (this.signal.aborted) return this.finish('cancelled');
      const report = results.find((r) => r.report)?.report;
      // The model may quote a secret a person typed; the report is shown, saved and shared.
      if (report) return this.finish('report', undefined, redactDeep(report, this.secrets()));
    }
    return this.finish('step-limit', `stopped after ${maxRounds} rounds`);
  }

  private onModelEvent(round: number, event: ModelEvent, text: StreamRedactor): void {
    // Tool output is masked before the model sees it, so the model only knows secrets a person
    // typed; those are masked here even when a secret arrives split across two deltas.
    if (event.type === 'text') {
      const delta = text.push(event.delta);
      if (delta) this.emit({ type: 'text', round, delta });
    }
    if (event.type === 'usage') {
      this.usage.inputTokens += event.inputTokens;
      this.usage.outputTokens += event.outputTokens;
      this.emit({ type: 'usage', round, inputTokens: event.inputTokens, outputTokens: event.outputTokens, total: { ...this.usage } });
      this.transcript.record({ type: 'usage', round, inputTokens: event.inputTokens, outputTokens: event.outputTokens });
    }
  }

  /** Adds a message to the history and the transcript (tool calls with their arguments parsed, so they can be masked). */
  private append(conversation: Conversation, message: Exclude<ChatMessage, { role: 'tool' }>, round: number): void {
    conversation.messages.push(message);
    const toolCalls = message.role === 'assistant' ? message.toolCalls?.map((c) => ({ id: c.id, name: c.name, args: parseForRecord(c.arguments) })) : undefined;
    this.transcript.record({ type: 'message', round, role: message.role, content: message.content, ...(toolCalls ? { toolCalls } : {}) });
  }

  /** Ends the run: with the report for 'report', else with an undetermined outcome saying why. */
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
