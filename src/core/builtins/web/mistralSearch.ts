// Mistral's built-in web search, through the Conversations API of @mistralai/mistralai: the model
// runs `web_search` server-side and answers a message whose content interleaves text chunks with
// `tool_reference` chunks (title, url, description) — the sources. Those are the results; the
// sentence each one cites serves as its snippet when the reference carries no description.
//
// The SDK is ESM-only and this file CommonJS, so it comes in through import() with its types by
// resolution-mode 'import' (as in agent/models/mistral.ts), and through its standalone-function API:
// MistralCore + betaConversationsStart is the very function behind `client.beta.conversations.start`,
// without bundling the whole `Mistral` class.
import type { MistralCore } from '@mistralai/mistralai/core.js' with { 'resolution-mode': 'import' };
import type { betaConversationsStart as ConversationsStart } from '@mistralai/mistralai/funcs/betaConversationsStart.js' with { 'resolution-mode': 'import' };
import { z } from 'zod';
import { bodyDetail, providerError } from './searchErrors';
import { isWebUrl, PROVIDER_LABELS, type Freshness, type SearchHit, type SearchProvider, type SearchRequest } from './searchTypes';

export const MISTRAL_DEFAULT_BASE = 'https://api.mistral.ai';
export const MISTRAL_SEARCH_MODEL = 'mistral-medium-latest';
/** A conversation runs a search and writes an answer: slower than a search API. */
const MISTRAL_TIMEOUT_MS = 60_000;

const TextChunk = z.object({ type: z.literal('text'), text: z.string() });
const ReferenceChunk = z.object({
  type: z.literal('tool_reference'),
  title: z.string().nullish(),
  url: z.string().nullish(),
  description: z.string().nullish(),
});
const MessageOutput = z.object({ type: z.literal('message.output'), content: z.union([z.string(), z.array(z.unknown())]) });

export function searchInstructions(count: number, freshness: Freshness | undefined): string {
  return [
    'You are a web search tool. Search the web with web_search for the user input, then list the most relevant sources you found,',
    `at most ${count}: one sentence per source saying what it contains, followed by its reference. Do not answer from memory.`,
    freshness ? `Prefer pages published within the last ${freshness}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The sources of a Conversations response, in the order the answer cites them, each once. Takes
 * the raw JSON or the SDK's parsed response alike (the fields read here keep their names).
 */
export function parseMistralConversation(response: { outputs?: readonly unknown[] }): SearchHit[] {
  const hits: SearchHit[] = [];
  const seen = new Set<string>();
  for (const output of response.outputs ?? []) {
    const message = MessageOutput.safeParse(output);
    if (!message.success || typeof message.data.content === 'string') continue;
    let pending = '';
    let context = '';
    for (const chunk of message.data.content) {
      const text = TextChunk.safeParse(chunk);
      if (text.success) {
        pending += text.data.text;
        continue;
      }
      const ref = ReferenceChunk.safeParse(chunk);
      if (!ref.success) continue;
      // References that follow one another cite the same sentence.
      if (pending.trim()) context = lastSentence(pending);
      pending = '';
      const url = ref.data.url ?? '';
      if (!isWebUrl(url) || seen.has(url)) continue;
      seen.add(url);
      hits.push({ title: ref.data.title?.trim() || url, url, snippet: ref.data.description?.trim() || context });
    }
  }
  return hits;
}

function lastSentence(text: string): string {
  const sentences = text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    // A list marker is not part of the sentence; an opening bracket left before the reference neither.
    .map((s) =>
      s
        .replace(/^(?:[-*+•]|\d+[.)])\s+/, '')
        .replace(/[\s([]+$/, '')
        .trim(),
    )
    .filter((s) => s.length > 1);
  return (sentences.at(-1) ?? '').slice(0, 400);
}

type Sdk = { core: MistralCore; start: typeof ConversationsStart };

export function mistralProvider(apiKey: string, base: string | undefined, configureHint: string): SearchProvider {
  const label = PROVIDER_LABELS.mistral;
  const serverURL = (base ?? MISTRAL_DEFAULT_BASE).replace(/\/+$/, '');
  let sdk: Promise<Sdk> | undefined;
  const client = () =>
    (sdk ??= Promise.all([import('@mistralai/mistralai/core.js'), import('@mistralai/mistralai/funcs/betaConversationsStart.js')]).then(
      ([{ MistralCore }, { betaConversationsStart }]) => ({
        // No SDK retries: a 429 goes back to the agent with the wait, rather than stalling the turn.
        core: new MistralCore({ apiKey, serverURL, retryConfig: { strategy: 'none' } }),
        start: betaConversationsStart,
      }),
    ));
  return {
    name: 'mistral',
    label,
    async search({ query, count, freshness, signal }: SearchRequest) {
      const timeout = AbortSignal.timeout(MISTRAL_TIMEOUT_MS);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      const { core, start } = await client();
      const result = await start(
        core,
        { model: MISTRAL_SEARCH_MODEL, inputs: query, tools: [{ type: 'web_search' }], store: false, instructions: searchInstructions(count, freshness) },
        { signal: combined },
      );
      if (!result.ok) {
        if (signal?.aborted) throw new Error('Cancelled.');
        if (timeout.aborted) throw new Error(`${label} did not answer within ${MISTRAL_TIMEOUT_MS / 1000} s.`);
        throw mistralFailure(result.error, label, serverURL, configureHint);
      }
      return parseMistralConversation(result.value).slice(0, count);
    },
  };
}

/** The SDK's errors, read by shape: MistralError carries statusCode, headers and body. */
function mistralFailure(err: unknown, label: string, serverURL: string, configureHint: string): Error {
  const e = err as { statusCode?: unknown; headers?: { get?: (name: string) => string | null }; body?: unknown; name?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  if (typeof e.statusCode === 'number') {
    const status = e.statusCode;
    const detail = bodyDetail(typeof e.body === 'string' ? e.body : undefined);
    const retryAfter = Number(e.headers?.get?.('retry-after'));
    return providerError(
      {
        label,
        status,
        retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        detail,
        fallback: `${label} failed (HTTP ${status})${detail ? `: ${detail}` : '.'}`,
      },
      configureHint,
    );
  }
  if (e.name === 'ConnectionError') return new Error(`${label} could not be reached at ${serverURL} (${message}).`);
  if (e.name === 'ResponseValidationError' || e.name === 'SDKValidationError')
    return new Error(`${label} answered in an unexpected shape (${message.slice(0, 200)}).`);
  return err instanceof Error ? err : new Error(message);
}
