import type { ModelClient } from '../modelClient';
import { MistralClient, MISTRAL_DEFAULT_MODEL, MISTRAL_KEY_HINT } from './mistral';
import { OLLAMA_BASE_URL, OpenAICompatibleClient } from './openaiCompatible';
import { withRetries, type RetryOptions } from './retry';
import { DEFAULT_IDLE_TIMEOUT_MS, withIdleTimeout } from './idleTimeout';

export { MistralClient, MISTRAL_DEFAULT_MODEL, MISTRAL_KEY_HINT, MISTRAL_SERVER_URL } from './mistral';
export { OpenAICompatibleClient, OLLAMA_BASE_URL, OPENAI_BASE_URL } from './openaiCompatible';
export { withRetries, abortableSleep, type RetryOptions, type RetryInfo } from './retry';
export { toModelError, parseRetryAfter } from './errors';

/** Default model for an OpenAI-compatible server when none is given (an Ollama model with tool calling). */
export const OPENAI_COMPATIBLE_DEFAULT_MODEL = 'llama3.1';

export interface ModelConfig {
  provider: 'mistral' | 'openai';
  /** Mistral: mistral-medium-latest; openai: llama3.1 (Ollama's name). */
  model?: string;
  /** Mistral: the server URL (default https://api.mistral.ai); openai: the base URL with /v1 (default Ollama, http://127.0.0.1:11434/v1). */
  baseUrl?: string;
  /** Mistral: required (a missing key fails the first request with ModelError 'auth'); openai: optional for local servers. */
  apiKey?: string;
  /** The sentence that tells the person how to set or fix the key, e.g. the CLI names the variable, VS Code the command. */
  keyHint?: string;
  timeoutMs?: number;
  /** Retries of 429 and 5xx (see retry.ts); false turns them off. Default: 3 attempts, 1 s backoff, 30 s cap. */
  retry?: RetryOptions | false;
}

/** A streaming client for the configured provider, wrapped in withRetries unless retry is false. */
export function createModelClient(config: ModelConfig): ModelClient {
  const client: ModelClient =
    config.provider === 'mistral'
      ? new MistralClient({
          apiKey: config.apiKey,
          model: config.model ?? MISTRAL_DEFAULT_MODEL,
          serverUrl: config.baseUrl,
          keyHint: config.keyHint ?? MISTRAL_KEY_HINT,
          timeoutMs: config.timeoutMs,
        })
      : new OpenAICompatibleClient({
          model: config.model ?? OPENAI_COMPATIBLE_DEFAULT_MODEL,
          baseUrl: config.baseUrl ?? OLLAMA_BASE_URL,
          apiKey: config.apiKey,
          keyHint: config.keyHint,
          timeoutMs: config.timeoutMs,
        });
  const watched = withIdleTimeout(client, config.timeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  return config.retry === false ? watched : withRetries(watched, config.retry);
}
