import { maskArguments } from '../tools/maskArguments';
import { redactSecrets } from '../util/redact';

/**
 * The record of a run, one JSON object per line. Everything passes through `scrub` on the way
 * out: tool arguments lose secret-named fields and token-shaped values, every other string
 * loses known secrets and token shapes. The writer never throws into the loop: a failing sink
 * is reported once and then skipped, because an audit is worth more than its log.
 */

/** Where transcript lines go: a file in Node (transcriptFile.ts), memory in tests. */
export interface TranscriptSink {
  /** One complete JSON line, without the newline. */
  write(line: string): void | Promise<void>;
}

export type TranscriptRecord =
  | { type: 'run'; model: string; profile: string; tools: string[]; maxRounds: number; resultBudget: number; maxContextTokens?: number }
  | { type: 'message'; round: number; role: 'system' | 'user' | 'assistant'; content: string; toolCalls?: { id: string; name: string; args: unknown }[] }
  | { type: 'toolCall'; round: number; callId: string; name: string; connector?: string; tool?: string; args: unknown }
  | { type: 'decision'; round: number; callId: string; decision: 'asked' | 'allowed' | 'denied' }
  | { type: 'toolResult'; round: number; callId: string; name: string; status: string; durationMs: number; content: string }
  | { type: 'usage'; round: number; inputTokens: number; outputTokens: number }
  | { type: 'end'; reason: string; message?: string; verdict: string; rounds: number; durationMs: number; inputTokens: number; outputTokens: number };

const ARGUMENT_KEYS = new Set(['args']);

export class Transcript {
  private failed = false;
  private readonly started = performance.now();

  constructor(
    private readonly sink: TranscriptSink | undefined,
    private readonly runId: string,
    private readonly secrets: () => Iterable<string>,
    private readonly onFailure: (message: string) => void,
  ) {}

  record(record: TranscriptRecord): void {
    if (!this.sink || this.failed) return;
    const line = JSON.stringify({
      ts: new Date().toISOString(),
      elapsedMs: Math.round(performance.now() - this.started),
      runId: this.runId,
      ...(scrub(record, [...this.secrets()]) as object),
    });
    try {
      const pending = this.sink.write(line);
      if (pending) pending.catch((err: unknown) => this.fail(err));
    } catch (err) {
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    if (this.failed) return;
    this.failed = true;
    this.onFailure(`The transcript could not be written (${err instanceof Error ? err.message : String(err)}); the run goes on without it.`);
  }
}

/** Masks a value for storage; fields named in ARGUMENT_KEYS are treated as tool arguments. */
export function scrub(value: unknown, known: readonly string[], key = ''): unknown {
  if (ARGUMENT_KEYS.has(key)) return maskArguments(value, known);
  if (typeof value === 'string') return redactSecrets(value, known);
  if (Array.isArray(value)) return value.map((v) => scrub(v, known));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, known, k)]));
  }
  return value;
}

/** Keeps lines in memory: for tests, and for a front end that shows the transcript live. */
export class MemoryTranscriptSink implements TranscriptSink {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
}
