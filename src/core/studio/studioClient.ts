import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { abortableSleep } from '../agent/models/retry';
import { MISTRAL_KEY_HINT, MISTRAL_SERVER_URL } from '../agent/models/mistral';
import { StudioError, toStudioError, type StudioErrorContext } from './studioError';
import { toCallToolResult, toMcpTool, toStudioConnector, type StudioConnector, type StudioConnectorInput, type StudioConnectorPatch } from './studioModel';
import { loadStudioSdk, type StudioSdk } from './studioSdk';

export interface StudioClientOptions {
  /** Without it every call fails with StudioError 'auth' naming keyHint. */
  apiKey?: string;
  /** Default https://api.mistral.ai (CONNECTOR_AUDITOR_MISTRAL_URL overrides it in both front ends). */
  serverUrl?: string;
  keyHint?: string;
  timeoutMs?: number;
  /** Pages of 100 read by list() before it stops and says the list is truncated (default 50). */
  maxPages?: number;
  /** Times a 429 is retried after its Retry-After (default 2; 0 reports it at once). */
  maxRetries?: number;
  /** A Retry-After longer than this is reported instead of waited for (default 30 s). */
  maxRetryDelayMs?: number;
  /** Told before each wait, e.g. to print "rate limited, retrying in 2 s". */
  onRetry?: (info: { attempt: number; delayMs: number; error: StudioError }) => void;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface StudioList {
  connectors: StudioConnector[];
  /** The page cap was reached with more pages left. */
  truncated: boolean;
}

const PAGE_SIZE = 100;
const DEFAULT_BACKOFF_MS = 1000;

type Result<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Mistral Studio's connector registry (`beta.connectors`) through the real SDK: list (every page,
 * up to a cap), get, create, update, delete, listTools, callTool. Results come back in the
 * shapes the rest of the code already renders (MCP Tool, CallToolResult); every failure is a
 * StudioError. Names or ids are accepted wherever the API takes an id, resolved with get().
 */
export class StudioClient {
  readonly url: string;
  private sdk: Promise<StudioSdk> | undefined;
  private readonly keyHint: string;

  constructor(private readonly options: StudioClientOptions) {
    this.url = (options.serverUrl ?? MISTRAL_SERVER_URL).replace(/\/+$/, '');
    this.keyHint = options.keyHint ?? MISTRAL_KEY_HINT;
  }

  async list(signal?: AbortSignal): Promise<StudioList> {
    const maxPages = this.options.maxPages ?? 50;
    const connectors: StudioConnector[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const sdk = await this.load();
      const result = await this.run({ signal, subject: 'connector list' }, () => sdk.list(sdk.client, { cursor, pageSize: PAGE_SIZE }, { signal }));
      connectors.push(...result.items.map(toStudioConnector));
      const next = result.pagination.nextCursor ?? undefined;
      // A cursor that comes back again would loop forever; what was read is what there is.
      if (!next || seen.has(next)) return { connectors, truncated: false };
      seen.add(next);
      cursor = next;
    }
    return { connectors, truncated: true };
  }

  async get(idOrName: string, signal?: AbortSignal): Promise<StudioConnector> {
    const sdk = await this.load();
    const value = await this.run({ signal, subject: `connector "${idOrName}"` }, () => sdk.get(sdk.client, { connectorIdOrName: idOrName }, { signal }));
    return toStudioConnector(value);
  }

  async create(input: StudioConnectorInput, signal?: AbortSignal): Promise<StudioConnector> {
    const sdk = await this.load();
    const value = await this.run({ signal, name: input.name, subject: `connector "${input.name}"` }, () =>
      sdk.create(
        sdk.client,
        {
          protocol: 'mcp',
          name: input.name,
          description: input.description,
          server: input.server,
          ...(input.title ? { title: input.title } : {}),
          ...(input.visibility ? { visibility: input.visibility } : {}),
          authMethods: [{ methodType: input.auth ?? 'none' }],
        },
        { signal },
      ),
    );
    return toStudioConnector(value);
  }

  /** Changes fields (PATCH) and, when asked, the visibility (share / unshare); returns the connector as it is now. */
  async update(idOrName: string, patch: StudioConnectorPatch, signal?: AbortSignal): Promise<StudioConnector> {
    const current = await this.get(idOrName, signal);
    const sdk = await this.load();
    const ctx = { signal, name: patch.name, subject: `connector "${idOrName}"` };
    const body = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.server !== undefined ? { server: patch.server } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.auth !== undefined ? { authMethods: [{ methodType: patch.auth }] } : {}),
    };
    let updated = current;
    if (Object.keys(body).length) {
      updated = toStudioConnector(
        await this.run(ctx, () => sdk.update(sdk.client, { connectorId: current.id, requestBody: { protocol: 'mcp', ...body } }, { signal })),
      );
    }
    if (patch.visibility && patch.visibility !== current.visibility) {
      const change = patch.visibility === 'shared_workspace' ? sdk.share : sdk.unshare;
      await this.run(ctx, () => change(sdk.client, { connectorId: current.id }, { signal }));
      updated = await this.get(current.id, signal);
    }
    return updated;
  }

  /** Deletes by name or id; returns what was deleted. */
  async delete(idOrName: string, signal?: AbortSignal): Promise<StudioConnector> {
    const current = await this.get(idOrName, signal);
    const sdk = await this.load();
    await this.run({ signal, subject: `connector "${idOrName}"` }, () => sdk.remove(sdk.client, { connectorId: current.id }, { signal }));
    return current;
  }

  async listTools(idOrName: string, signal?: AbortSignal): Promise<Tool[]> {
    const sdk = await this.load();
    const tools: Tool[] = [];
    const maxPages = this.options.maxPages ?? 50;
    for (let page = 1; page <= maxPages; page++) {
      const value = await this.run({ signal, subject: `connector "${idOrName}"` }, () =>
        sdk.listTools(sdk.client, { connectorIdOrName: idOrName, page, pageSize: PAGE_SIZE }, { signal }),
      );
      tools.push(...value.map(toMcpTool));
      if (value.length < PAGE_SIZE) break;
    }
    return tools;
  }

  async callTool(idOrName: string, tool: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult> {
    const sdk = await this.load();
    const value = await this.run({ signal, subject: `tool "${tool}" on connector "${idOrName}"` }, () =>
      sdk.callTool(sdk.client, { connectorIdOrName: idOrName, toolName: tool, connectorCallToolRequest: { arguments: args } }, { signal }),
    );
    return toCallToolResult(value);
  }

  private load(): Promise<StudioSdk> {
    if (!this.options.apiKey) return Promise.reject(new StudioError('auth', `No Mistral API key. ${this.keyHint}`));
    this.sdk ??= loadStudioSdk({ apiKey: this.options.apiKey, serverUrl: this.url, timeoutMs: this.options.timeoutMs });
    return this.sdk;
  }

  /** One request, its failure as a StudioError, a 429 retried after its Retry-After. */
  private async run<T>(ctx: Omit<StudioErrorContext, 'url' | 'keyHint'>, request: () => PromiseLike<Result<T>>): Promise<T> {
    const sdk = await this.load();
    const full: StudioErrorContext = { ...ctx, url: this.url, keyHint: this.keyHint };
    const maxRetries = this.options.maxRetries ?? 2;
    for (let attempt = 1; ; attempt++) {
      let error: StudioError;
      try {
        const result = await request();
        if (result.ok) return result.value;
        error = toStudioError(result.error, full, sdk.transport(result.error));
      } catch (err) {
        // The SDK returns its failures; what it throws is a model of ours refusing its answer.
        if (err instanceof StudioError) throw err;
        error = toStudioError(err, full, sdk.transport(err));
      }
      const delayMs = error.retryAfterMs ?? DEFAULT_BACKOFF_MS;
      if (error.kind !== 'rate-limited' || attempt > maxRetries || delayMs > (this.options.maxRetryDelayMs ?? 30_000)) throw error;
      this.options.onRetry?.({ attempt, delayMs, error });
      await (this.options.sleep ?? abortableSleep)(delayMs, ctx.signal ?? new AbortController().signal);
    }
  }
}
