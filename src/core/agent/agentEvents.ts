import type { EvidenceReport } from '../evidence/evidenceReport';
import type { AuditOutcome } from '../audit/outcome';
import type { AuditReport } from '../audit/report';
import type { ModelErrorKind } from './modelClient';

/**
 * What a run tells its front end (chat view, CLI progress), in order. Arguments, previews and
 * messages are already masked: a renderer may show them as they are.
 */

export type FinishReason = 'report' | 'no-verdict' | 'step-limit' | 'cancelled' | 'error';

export type ToolCallStatus = 'ok' | 'error' | 'denied' | 'cancelled';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
}

export type AgentEvent =
  | { type: 'roundStarted'; round: number; maxRounds: number; toolCount: number; reminder: boolean }
  | { type: 'text'; round: number; delta: string }
  | { type: 'usage'; round: number; inputTokens: number; outputTokens: number; total: UsageTotals }
  /** A connector that is not ready contributes no tools; the run goes on without it. */
  | { type: 'notice'; message: string }
  | {
      type: 'toolCallStarted';
      round: number;
      callId: string;
      /** The name the model used (namespaced). */
      name: string;
      /** Connector label and tool name, when the name resolved to a connector tool. */
      connector?: string;
      tool?: string;
      internal: boolean;
      args: unknown;
    }
  /** The call waits for the person (or for an earlier "Allow for this Session", which answers at once). */
  | { type: 'awaitingConfirmation'; round: number; callId: string; connector: string; tool: string }
  /** The answer to `awaitingConfirmation`: an allowed call runs now, a denied one finishes as 'denied'. */
  | { type: 'confirmationAnswered'; round: number; callId: string; allowed: boolean }
  | {
      type: 'toolCallFinished';
      round: number;
      callId: string;
      name: string;
      status: ToolCallStatus;
      durationMs: number;
      /** A one-line start of the result or of the error, for a progress line. */
      preview: string;
    }
  | { type: 'reportSubmitted'; report: AuditReport; evidence?: EvidenceReport }
  | {
      type: 'finished';
      reason: FinishReason;
      /** For a person: why the run ended when it ended without a report. */
      message?: string;
      /** For reason 'error' from the model provider: what kind of failure, so a front end can offer the fix. */
      errorKind?: ModelErrorKind;
      outcome: AuditOutcome;
      rounds: number;
      usage: UsageTotals;
      durationMs: number;
      /** What answered the rounds, as the transcript names it ("mistral-large-latest", "evidence rules (no model)"). */
      model: string;
      /** Connector tool calls of the run (the report tool not counted). */
      calls: CallCounts;
      /** The tools the run offered (namespaced), for the report. */
      tools: string[];
    };

export interface CallCounts {
  made: number;
  failed: number;
  denied: number;
}

export type FinishedEvent = Extract<AgentEvent, { type: 'finished' }>;
