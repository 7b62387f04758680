import { redactSecrets } from '../../core/util/redact';
import type { AgentEvent } from '../../core/agent/agentEvents';
import type { RetryInfo } from '../../core/agent/models';
import { verdictOf } from '../../core/audit/outcome';

/**
 * The audit's progress on stderr: one line per event (rounds, tool calls with duration and status,
 * confirmations, notices, retries); with --verbose also the model's streamed text and token
 * usage. Everything shown comes from a model or a server, so control characters are dropped
 * before it reaches a terminal.
 */

const ARGS_SHOWN = 160;

export class AuditProgress {
  /** The last write was streamed text without its line end. */
  private midText = false;
  private readonly callNames = new Map<string, string>();

  constructor(
    private readonly out: (text: string) => void,
    private readonly verbose: boolean,
  ) {}

  /** One line of its own (ends a streamed text line first). */
  line(text: string): void {
    this.write(`${printable(text).replace(/\s*\n\s*/g, ' ')}\n`);
  }

  /** Text as is (a confirmation prompt), on a line of its own. */
  write(text: string): void {
    if (this.midText) this.out('\n');
    this.midText = false;
    this.out(text);
  }

  end(): void {
    if (this.midText) this.out('\n');
    this.midText = false;
  }

  /** A provider's error text may quote the key it was sent: masked like the final error. */
  retry(info: RetryInfo, secrets: readonly string[]): void {
    this.line(`  Retry: ${redactSecrets(info.error.message, secrets)} Trying again in ${duration(info.delayMs)} (attempt ${info.attempt + 1}).`);
  }

  event(e: AgentEvent): void {
    switch (e.type) {
      case 'roundStarted':
        this.line(
          e.reminder
            ? `Round ${e.round}/${e.maxRounds}: reminding the model to submit its report`
            : `Round ${e.round}/${e.maxRounds} (${e.toolCount} tools offered)`,
        );
        return;
      case 'text':
        if (!this.verbose || !e.delta) return;
        this.out(printable(e.delta));
        this.midText = !e.delta.endsWith('\n');
        return;
      case 'usage':
        if (this.verbose) this.line(`  Tokens: ${e.inputTokens} in, ${e.outputTokens} out (run: ${e.total.inputTokens} in, ${e.total.outputTokens} out)`);
        return;
      case 'notice':
        this.line(`Notice: ${e.message}`);
        return;
      case 'toolCallStarted': {
        const name = e.connector && e.tool ? `${e.connector} › ${e.tool}` : e.name;
        this.callNames.set(e.callId, name);
        this.line(`  → ${name}${e.internal ? '' : ` ${shortJson(e.args)}`}`);
        return;
      }
      case 'awaitingConfirmation':
        this.line(`  ? ${e.connector} › ${e.tool} requires confirmation`);
        return;
      case 'toolCallFinished': {
        const name = this.callNames.get(e.callId) ?? e.name;
        this.line(`  ← ${name}: ${e.status} in ${duration(e.durationMs)}${e.preview ? ` — ${e.preview}` : ''}`);
        return;
      }
      case 'reportSubmitted':
        this.line(`Report submitted: ${e.report.verdict}`);
        return;
      case 'finished': {
        const stats = `${e.rounds} round${e.rounds === 1 ? '' : 's'}, ${duration(e.durationMs)}, ${e.usage.inputTokens} tokens in, ${e.usage.outputTokens} out`;
        if (e.reason === 'report') this.line(`Finished (${stats}): ${verdictOf(e.outcome)}`);
        else if (e.reason === 'cancelled') this.line(`Cancelled (${stats}).`);
        else if (e.reason === 'error') this.line(`Stopped on an error (${stats}).`);
        else this.line(`Finished without a verdict (${stats}). ${e.message ?? ''}`.trim());
        return;
      }
    }
  }
}

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function shortJson(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return text.length > ARGS_SHOWN ? `${text.slice(0, ARGS_SHOWN)}…` : text;
}

/** Drops terminal control characters (escape sequences included), keeping line ends and tabs. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
