import type { ChatMessage, ModelTool } from './modelClient';

/**
 * Keeps every request inside the model's context window. Tokens are estimated, not counted: a
 * stated conservative 3 characters a token (English prose runs near 4, JSON and code near 3), so
 * the estimate is above what providers count, and no request goes over. As a run grows, older tool
 * results and the long arguments of older calls are replaced by a short stub (what was dropped,
 * the URLs it cited, so a report can still cite them) — oldest first, never the latest round's.
 */

export const CHARS_PER_TOKEN = 3;
/** Tokens kept free for the model's answer and the provider's own framing. */
const ANSWER_RESERVE = 0.15;
/** Compaction aims below the window, so the next round's results have room. */
const COMPACT_TARGET = 0.6;
/** A long argument string is compacted from this many characters. */
const LONG_ARGUMENTS = 2_000;
const MAX_KEPT_URLS = 10;

export function estimateTokens(messages: readonly ChatMessage[], tools: readonly ModelTool[]): number {
  let tokens = 0;
  for (const m of messages) {
    tokens += textTokens(m.content) + 6;
    if (m.role === 'assistant') for (const c of m.toolCalls ?? []) tokens += textTokens(c.name) + textTokens(c.arguments) + 6;
  }
  for (const t of tools) tokens += textTokens(t.name) + textTokens(t.description) + textTokens(JSON.stringify(t.parameters));
  return Math.ceil(tokens);
}

/**
 * Text at 3 characters a token, but where tokenizers do worse, worse: a character outside ASCII
 * counts as a token (CJK, emoji), and long hex or base64 runs (digests, integrity strings) at 2
 * characters a token, which is about what they cost.
 */
function textTokens(text: string): number {
  let tokens = text.length / CHARS_PER_TOKEN;
  for (const run of text.match(/[^\x00-\x7f]+/g) ?? []) tokens += run.length * (1 - 1 / CHARS_PER_TOKEN);
  for (const run of text.match(/[A-Za-z0-9+/=_-]{32,}/g) ?? []) tokens += run.length * (1 / 2 - 1 / CHARS_PER_TOKEN);
  return tokens;
}

/** The share of the window one tool result may take, in characters. */
export function resultShare(maxContextTokens: number): number {
  return Math.max(2_000, Math.floor(maxContextTokens * CHARS_PER_TOKEN * 0.2));
}

export interface Fitted {
  messages: ChatMessage[];
  tokens: number;
  /** Whether the request, after compaction, is inside the window (with the answer's reserve). */
  fits: boolean;
  /** Messages compacted by this call (for the notice and the report). */
  newlyCompacted: number;
}

/**
 * Compacts a run's history for one request. `compacted` persists across rounds (indices into the
 * history), so a message once cut stays cut and the request's prefix stays stable.
 */
export class ContextBudget {
  private readonly compacted = new Map<number, ChatMessage>();

  constructor(readonly maxTokens: number) {}

  /** The usable window: the answer's reserve is not for the request. */
  get limit(): number {
    return Math.floor(this.maxTokens * (1 - ANSWER_RESERVE));
  }

  /** `history` excludes the system message; `keepFrom`: the index from which messages are this round's and untouchable. */
  fit(system: ChatMessage, history: readonly ChatMessage[], tools: readonly ModelTool[], keepFrom: number): Fitted {
    const view = () => [system, ...history.map((m, i) => this.compacted.get(i) ?? m)];
    let messages = view();
    let tokens = estimateTokens(messages, tools);
    let newlyCompacted = 0;
    if (tokens > this.limit * COMPACT_TARGET) {
      const target = Math.floor(this.limit * COMPACT_TARGET);
      for (let i = 0; i < Math.min(keepFrom, history.length) && tokens > target; i++) {
        if (this.compacted.has(i)) continue;
        const stub = compactMessage(history[i]);
        if (!stub) continue;
        this.compacted.set(i, stub);
        newlyCompacted++;
        messages = view();
        tokens = estimateTokens(messages, tools);
      }
    }
    return { messages, tokens, fits: tokens <= this.limit, newlyCompacted };
  }

  get compactedCount(): number {
    return this.compacted.size;
  }
}

/** A shorter stand-in that says what was dropped; undefined when the message is already small. */
function compactMessage(m: ChatMessage): ChatMessage | undefined {
  if (m.role === 'tool') {
    if (m.content.length < 600) return undefined;
    const urls = [...new Set(m.content.match(/https?:\/\/[^\s"'<>\\)\]]+/g) ?? [])].slice(0, MAX_KEPT_URLS);
    const kept = urls.length ? ` URLs it cited: ${urls.join(' ')}` : '';
    return { ...m, content: `[Result of ${m.name} compacted to fit the context window: ${m.content.length} characters dropped.${kept}]` };
  }
  if (m.role === 'assistant' && m.toolCalls?.some((c) => c.arguments.length > LONG_ARGUMENTS)) {
    return {
      ...m,
      toolCalls: m.toolCalls.map((c) =>
        c.arguments.length > LONG_ARGUMENTS ? { ...c, arguments: JSON.stringify({ compacted: `${c.arguments.length} characters of arguments dropped` }) } : c,
      ),
    };
  }
  return undefined;
}
