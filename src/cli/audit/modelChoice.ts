import { MISTRAL_SERVER_URL, OLLAMA_BASE_URL, OPENAI_BASE_URL, type ModelConfig } from '../../core/agent/models';
import type { AuditCommand, ProviderName } from '../auditArgs';
import { CliError, ExitCode, usageError } from '../exitCodes';

/**
 * Which model `audit` talks to, from --provider / --model / --base-url and the environment:
 * Mistral when MISTRAL_API_KEY is set, else an OpenAI-compatible server when OPENAI_API_KEY or
 * --base-url is given. A key that is needed and missing ends the command before anything starts.
 */

export const MISTRAL_KEY_ENV = 'MISTRAL_API_KEY';
export const OPENAI_KEY_ENV = 'OPENAI_API_KEY';

type Env = Readonly<Record<string, string | undefined>>;

export interface ModelChoice {
  /** For createModelClient (retries are added by the caller). */
  config: ModelConfig;
  /** Where requests go, for the start line. */
  url: string;
  /** Why this provider when --provider was not given, for the start line. */
  why?: string;
}

export function chooseModel(cmd: Pick<AuditCommand, 'provider' | 'model' | 'baseUrl'>, env: Env): ModelChoice {
  const mistralKey = env[MISTRAL_KEY_ENV]?.trim() || undefined;
  const openaiKey = env[OPENAI_KEY_ENV]?.trim() || undefined;
  const provider: ProviderName | undefined = cmd.provider ?? (mistralKey ? 'mistral' : openaiKey || cmd.baseUrl ? 'openai' : undefined);
  if (!provider) {
    throw usageError(
      `No model to audit with: set ${MISTRAL_KEY_ENV} (Mistral), or set ${OPENAI_KEY_ENV} or pass --base-url URL ` +
        `(an OpenAI-compatible server such as Ollama at ${OLLAMA_BASE_URL}); --provider mistral|openai chooses explicitly.`,
    );
  }
  const why = cmd.provider
    ? undefined
    : `--provider ${provider}, as ${mistralKey ? `${MISTRAL_KEY_ENV} is set` : openaiKey ? `${OPENAI_KEY_ENV} is set` : '--base-url is given'}`;

  if (provider === 'mistral') {
    if (!mistralKey) {
      throw new CliError(
        ExitCode.auth,
        `${MISTRAL_KEY_ENV} is not set: the Mistral provider needs an API key. Set ${MISTRAL_KEY_ENV}, or use --provider openai --base-url URL.`,
      );
    }
    return {
      config: { provider, model: cmd.model, baseUrl: cmd.baseUrl, apiKey: mistralKey, keyHint: `Set ${MISTRAL_KEY_ENV} to a valid key.` },
      url: cmd.baseUrl ?? MISTRAL_SERVER_URL,
      why,
    };
  }

  // Without --base-url: OpenAI itself when its key is set, else a local Ollama.
  const baseUrl = cmd.baseUrl ?? (openaiKey ? OPENAI_BASE_URL : OLLAMA_BASE_URL);
  const isOpenAI = new URL(baseUrl).hostname === 'api.openai.com';
  if (isOpenAI && !openaiKey) {
    throw new CliError(
      ExitCode.auth,
      `${OPENAI_KEY_ENV} is not set: ${baseUrl} needs an API key. Set ${OPENAI_KEY_ENV}, or pass --base-url for a local server.`,
    );
  }
  // The core's default model (an Ollama name) means nothing at OpenAI.
  if (isOpenAI && !cmd.model) throw usageError(`Pass --model to choose the OpenAI model (${baseUrl} has no default here).`);
  return {
    config: { provider, model: cmd.model, baseUrl, apiKey: openaiKey, keyHint: `Set ${OPENAI_KEY_ENV} to a valid key.` },
    url: baseUrl,
    why,
  };
}
