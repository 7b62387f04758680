import type { AuditSpec } from '../audit/judge';
import type { Evidence } from '../evidence/evidence';
import type { AgentEvent } from './agentEvents';
import type { ChatMessage, ModelErrorKind, ModelTool, ModelToolCall } from './modelClient';
import type { Transcript } from './transcript';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { ConfirmationGate } from '../tools/confirmation';

/**
 * What the one agent loop (agentRunner.ts) needs from whoever answers a round: a local model
 * (localModelBackend.ts: the whole history in, text and tool calls out) or Mistral's
 * Conversations API (core/studio/studioBackend.ts: the conversation lives on Mistral's side, a
 * turn may run tools there and hold some for a person's confirmation). Rounds, events,
 * confirmations, cancellation, the reminder, the transcript and the report stay in the loop.
 */

/** The loop's outlets while a backend works: streamed text is masked by the loop before anyone sees it. */
export interface BackendSink {
  text(delta: string): void;
  /** Releases text the masking holds back (said before a server-side tool ran, so it goes before its card). */
  flushText(): void;
  usage(usage: { inputTokens: number; outputTokens: number }): void;
  /** Server-side tool cards and notices. */
  emit(event: AgentEvent): void;
  transcript: Transcript;
  secrets: () => Iterable<string>;
  signal: AbortSignal;
}

/** One round's request, assembled in one place by the loop (where budgets will trim it). */
export interface RoundRequest {
  round: number;
  reminder: boolean;
  /** The profile's instructions and the whole history, for a backend that sends it all. */
  messages: ChatMessage[];
  instructions: string;
  /** The tools offered this round (the reminder may narrow them to the report tool). */
  tools: ModelTool[];
  toolChoice: 'auto' | 'required';
  temperature?: number;
  /** What is new since the last turn, for a backend that keeps the conversation itself. */
  input?: string;
  results: ToolResultEntry[];
  confirmations: PendingAnswer[];
  /** Every connector tool result of the run so far, whole (the rules backend plans from it). */
  evidence: readonly Evidence[];
  /** The typed target, when the front end named one. */
  audit?: AuditSpec;
  /** The request's size as the context budget estimates it (contextBudget.ts). */
  estimatedTokens?: number;
  /** The run's last round: a backend that plans its own calls submits now. */
  lastRound?: boolean;
  /** Set by the loop when the request cannot fit the window: it is not sent, the run ends saying this. */
  overflow?: string;
}

/** A function tool the run offers, and which connector tool it is (for a backend that plans calls itself). */
export interface ToolRef {
  modelName: string;
  /** The built-in's name (github, supply_chain, workspace, web) or the connector's name. */
  connector: string;
  builtin: boolean;
  tool: string;
}

export interface ToolResultEntry {
  toolCallId: string;
  content: string;
}

/** A tool call the backend's server holds until a person answers. */
export interface PendingCall {
  id: string;
  name: string;
  arguments: string;
}

export interface PendingAnswer {
  toolCallId: string;
  confirmation: 'allow' | 'deny';
}

export interface BackendTurn {
  text: string;
  /** Calls of the loop's function tools, run locally by the loop. */
  toolCalls: ModelToolCall[];
  /** Server-side calls waiting for the person (Studio connectors' requires_confirmation). */
  pending: PendingCall[];
}

export type TurnResult = { ok: true; turn: BackendTurn } | { ok: false; reason: 'cancelled' | 'error'; message?: string; kind?: ModelErrorKind };

/** What a pending confirmation needs from the loop: the one ConfirmationService and the run's outlets. */
export interface PendingContext {
  round: number;
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  signal: AbortSignal;
  secrets: () => Iterable<string>;
  emit: (event: AgentEvent) => void;
  transcript: Transcript;
}

/** A backend ready for rounds (after open). */
export interface BackendSession {
  turn(request: RoundRequest): Promise<TurnResult>;
  /** Asks the person about a held server-side call; only a backend that returns pending calls has it. */
  confirmPending?(call: PendingCall, ctx: PendingContext): Promise<PendingAnswer>;
  /**
   * After the report: answers the last turn so a kept conversation stays well formed; returns the
   * model's closing words. Only a backend that keeps the conversation has it.
   */
  close?(request: RoundRequest): Promise<TurnResult>;
}

export interface AgentBackend {
  /** The model as the transcript names it. */
  readonly modelId: string;
  /** Tools the backend's server runs itself (named for the transcript, counted in roundStarted). */
  readonly serverTools: readonly string[];
  /** Whether a round can offer fewer tools than the first (the reminder offers only the report tool). */
  readonly narrowsTools: boolean;
  /** Called once per run after the run is recorded; a failure ends the run. */
  open(
    functions: readonly ModelTool[],
    sink: BackendSink,
    refs: readonly ToolRef[],
  ): Promise<{ ok: true; session: BackendSession } | Extract<TurnResult, { ok: false }>>;
}
