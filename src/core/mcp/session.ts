import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import {
  CallToolResultSchema,
  ElicitRequestSchema,
  ToolListChangedNotificationSchema,
  type CallToolResult,
  type ElicitRequestFormParams,
  type ElicitResult,
  type Tool,
} from '@modelcontextprotocol/sdk/types.js';
import { resolveConnection, type PlaceholderContext, type ResolvedConnection } from '../connectors/placeholders';
import type { Connector } from '../connectors/registry';
import { DEFAULT_TIMEOUTS, transportOf } from '../connectors/schema';
import { Emitter } from '../util/events';
import type { Logger } from '../util/logger';
import { maskArgs, redactSecrets } from '../util/redact';
import { ConnectorError, describeConnectError, describeUnexpectedExit } from './connectErrors';
import { childEnvironment } from './childEnvironment';
import { declinedMessage, startRequest, type ApproveStart } from './startConsent';
import { StdioProcessTransport } from './stdioProcessTransport';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { SessionOAuth, SignInRequiredError } from './oauth/sessionOAuth';
import type { OAuthDeps } from './oauth/redirectPort';

export type SessionStatus = 'idle' | 'connecting' | 'ready' | 'error' | 'disabled';
export type ActiveTransport = 'stdio' | 'http' | 'sse' | 'in-process';

export interface SessionState {
  status: SessionStatus;
  /** One sentence: the cause and, where it helps, the fix. */
  error?: string;
  errorDetails?: readonly string[];
  tools?: readonly Tool[];
  serverName?: string;
  serverVersion?: string;
  /** The transport actually in use (an `http` connector may have fallen back to `sse`). */
  transport?: ActiveTransport;
  /** The connector waits for a person to sign in (OAuth); `error` says so in words. */
  signInRequired?: boolean;
}

export interface EnsureReadyOptions {
  /**
   * A person asked for this (a call, an audit, Sign In): an OAuth connector may open the
   * authorization page. Without it, a needed sign-in ends in `signInRequired` instead.
   */
  signIn?: boolean;
}

export interface SessionDeps {
  placeholders: PlaceholderContext;
  /** The connector's own log (stderr lines, connection events). */
  log: Logger;
  /** Where stdio servers run when the connector gives no `cwd`. */
  defaultCwd?: string;
  clientInfo: { name: string; version: string };
  /**
   * Answers a server's form elicitation (`elicitation/create` during a call). When given, the
   * client declares the `elicitation` capability in form mode, with schema defaults applied
   * (SEP-1034); when absent, it declares none and servers do not ask.
   */
  elicit?: (request: { connector: Connector; params: ElicitRequestFormParams }, signal: AbortSignal) => Promise<ElicitResult>;
  /**
   * Builds the MCP server of a built-in connector, linked to the client in this process. Absent
   * where built-ins are not offered; such a connector then fails to connect with a clear error.
   */
  builtinServer?: (connector: Connector) => Promise<McpServer>;
  /** Token storage and the browser round trip for `oauth2` connectors; absent: they cannot sign in. */
  oauth?: OAuthDeps;
  /**
   * Why this connector may not be started or contacted at all (a workspace's connector while the
   * workspace is untrusted), or undefined. Checked before anything is resolved or sent.
   */
  startBlocked?: (connector: Connector) => string | undefined;
  /** Asked right before a stdio server's process is spawned; absent means no question. */
  approveStart?: ApproveStart;
}

/** Protects the tree from a server that pages forever. */
const MAX_TOOL_PAGES = 100;

/** A live connection to one connector, connected lazily and at most once at a time. */
export class ConnectorSession {
  private readonly changed = new Emitter<SessionState>();
  readonly onDidChange = this.changed.event;
  private current: SessionState;
  private client: Client | undefined;
  private stdio: StdioProcessTransport | undefined;
  private builtin: McpServer | undefined;
  private connecting: Promise<readonly Tool[]> | undefined;
  private generation = 0;
  private secrets = new Set<string>();
  private oauth: SessionOAuth | undefined;
  private authTransport: { finishAuth(code: string): Promise<void> } | undefined;

  constructor(
    readonly connector: Connector,
    private readonly deps: SessionDeps,
  ) {
    this.current = { status: connector.enabled ? 'idle' : 'disabled' };
  }

  get state(): SessionState {
    return this.current;
  }

  /**
   * Connects if idle and returns the tools; never throws for connection problems (see `state`).
   * After an error it does not retry by itself (a view re-rendering must not loop on a broken
   * server): `reconnect()` is the explicit retry.
   */
  async ensureReady(options: EnsureReadyOptions = {}): Promise<readonly Tool[]> {
    if (this.current.status === 'ready' && this.current.tools) return this.current.tools;
    // Waiting for a sign-in is the one error an explicit request retries by itself.
    const signInNow = options.signIn === true && this.current.signInRequired === true && !this.connecting;
    if (this.current.status === 'disabled' || (this.current.status === 'error' && !this.connecting && !signInNow)) return [];
    this.connecting ??= this.connect(options.signIn === true).finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /** After Sign Out: disconnected, and shown as waiting for a sign-in (nothing reconnects by itself). */
  async signedOut(): Promise<void> {
    await this.close();
    const error = new SignInRequiredError(this.connector.label);
    this.set({ status: 'error', error: error.message, signInRequired: true });
  }

  /** Sign In: connects again, opening the authorization page when the server asks for it. */
  async signIn(): Promise<readonly Tool[]> {
    await this.close();
    if (this.connector.enabled) this.set({ status: 'idle' });
    return this.ensureReady({ signIn: true });
  }

  async reconnect(): Promise<readonly Tool[]> {
    await this.close();
    if (this.connector.enabled) this.set({ status: 'idle' });
    return this.ensureReady();
  }

  private async connect(signIn: boolean): Promise<readonly Tool[]> {
    const gen = ++this.generation;
    const { config } = this.connector;
    const connectTimeoutMs = config.timeouts?.connect ?? DEFAULT_TIMEOUTS.connect;
    this.set({ status: 'connecting' });
    let resolved: ResolvedConnection | undefined;
    try {
      const blocked = this.deps.startBlocked?.(this.connector);
      if (blocked) throw new ConnectorError(blocked);
      resolved = await resolveConnection(config, this.deps.placeholders);
      this.secrets = resolved.secrets;
      this.oauth = resolved.url ? await SessionOAuth.create(this.connector, resolved.url, this.deps.oauth, this.deps.placeholders, this.secrets) : undefined;
      const elicit = this.deps.elicit;
      const client = new Client(this.deps.clientInfo, {
        capabilities: elicit ? { elicitation: { form: { applyDefaults: true } } } : {},
      });
      if (elicit) {
        client.setRequestHandler(ElicitRequestSchema, async (request, extra) => {
          // Only form mode is declared, so the SDK has already refused URL-mode requests.
          const params = request.params as ElicitRequestFormParams;
          this.deps.log.info(this.redact(`the server asks for input: ${params.message}`));
          return elicit({ connector: this.connector, params }, extra.signal);
        });
      }
      client.onerror = (err) => this.deps.log.warn(this.redact(`protocol: ${err.message}`));
      this.client = client;
      const r = resolved;
      const transport = await this.authorized(
        () =>
          this.open(client, r, connectTimeoutMs).catch(async (err: unknown) => {
            // A sign-in round connects afresh (a transport cannot be started twice). Other failures
            // keep the process as it is, so the error can still say how it ended (timeout, exit).
            if (err instanceof UnauthorizedError) await client.close().catch(() => undefined);
            throw err;
          }),
        signIn,
      );
      if (gen !== this.generation) {
        await client.close().catch(() => undefined);
        return [];
      }
      client.onclose = () => this.onClosed(gen);
      if (client.getServerCapabilities()?.tools?.listChanged) {
        client.setNotificationHandler(ToolListChangedNotificationSchema, () => void this.refreshTools(gen));
      }
      const tools = await this.authorized(() => this.listAllTools(client, connectTimeoutMs), signIn);
      const info = client.getServerVersion();
      this.deps.log.info(`connected over ${transport} to ${info?.name ?? 'server'} ${info?.version ?? ''}: ${tools.length} tools`);
      if (gen === this.generation) {
        this.set({ status: 'ready', tools, serverName: info?.name, serverVersion: info?.version, transport });
      }
      return tools;
    } catch (err) {
      const error = describeConnectError(err, {
        command: config.command,
        url: config.url,
        connectTimeoutMs,
        exit: this.stdio?.exit,
        stderr: this.stdio?.recentStderr,
        garbage: this.stdio?.firstGarbage,
      });
      await this.close(false);
      if (gen === this.generation) this.fail(error);
      return [];
    }
  }

  private async open(client: Client, r: ResolvedConnection, timeout: number): Promise<ActiveTransport> {
    if (this.connector.builtin) {
      if (!this.deps.builtinServer) throw new ConnectorError(`The built-in connector "${this.connector.name}" is not available here.`);
      const server = await this.deps.builtinServer(this.connector);
      const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
      await server.connect(serverSide);
      this.builtin = server;
      await client.connect(clientSide, { timeout });
      return 'in-process';
    }
    const kind = transportOf(this.connector.config);
    if (kind === 'stdio') {
      // The one place both front ends decide what a server may read of the person's environment:
      // the minimal default, the connector's `env` and its explicit `inheritEnv` (the same
      // environment `${env:…}` placeholders read: process.env, or the CLI's).
      const inheritEnv = this.connector.config.inheritEnv;
      const child = childEnvironment(process.platform, this.deps.placeholders.env, r.env, inheritEnv);
      if (this.deps.approveStart) {
        const cwd = r.cwd ?? this.deps.defaultCwd ?? process.cwd();
        const request = startRequest(this.connector, { ...r, command: r.command! }, cwd, { inheritEnv, inheritedKeys: child.inherited });
        if (!(await this.deps.approveStart(request))) throw new ConnectorError(declinedMessage(request.command));
      }
      this.stdio = new StdioProcessTransport({
        command: r.command!,
        args: r.args,
        env: child.env,
        cwd: r.cwd ?? this.deps.defaultCwd,
        onStderr: (line) => this.deps.log.info(this.redact(`[stderr] ${line}`)),
        onGarbage: (line) => this.deps.log.warn(this.redact(`[stdout, not JSON-RPC] ${line.slice(0, 500)}`)),
      });
      this.deps.log.info(this.redact(`starting ${r.command} ${maskArgs(r.args).join(' ')} (in ${r.cwd ?? this.deps.defaultCwd ?? process.cwd()})`));
      // Names only: which of the person's variables the server can read (the CLI shows this with --verbose).
      this.deps.log.info(
        inheritEnv === 'all'
          ? `environment: all ${child.inherited.length} variables of ours (inheritEnv "all")`
          : `environment inherited: ${child.inherited.join(', ') || '(none)'}`,
      );
      await client.connect(this.stdio, { timeout });
      return 'stdio';
    }
    const url = new URL(r.url!);
    const requestInit = { headers: r.headers };
    const authProvider = this.oauth?.provider;
    if (kind === 'sse') {
      const sse = new SSEClientTransport(url, { requestInit, authProvider });
      this.authTransport = sse;
      await client.connect(sse, { timeout });
      return 'sse';
    }
    try {
      const http = new StreamableHTTPClientTransport(url, { requestInit, authProvider });
      this.authTransport = http;
      await client.connect(http, { timeout });
      return 'http';
    } catch (err) {
      // Old servers answer a POST with 4xx; like VS Code, retry them as SSE.
      if (!(err instanceof StreamableHTTPError) || !err.code || err.code < 400 || err.code >= 500 || err.code === 401 || err.code === 403) {
        throw err;
      }
      this.deps.log.info(`${url.origin} answered HTTP ${err.code} to Streamable HTTP; trying SSE`);
      await client.close().catch(() => undefined);
      const sse = new SSEClientTransport(url, { requestInit, authProvider });
      this.authTransport = sse;
      const transport: Transport = sse;
      await client.connect(transport, { timeout });
      return 'sse';
    }
  }

  /** Calls a tool, connecting first if needed. Throws ConnectorError when the connector is not usable. */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    options: {
      signal?: AbortSignal;
      timeoutMs?: number;
      onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
    } = {},
  ): Promise<CallToolResult> {
    await this.ensureReady({ signIn: true });
    const client = this.client;
    if (this.current.status !== 'ready' || !client) {
      throw new ConnectorError(this.current.error ?? `"${this.connector.label}" is ${this.current.status}.`);
    }
    const timeout = options.timeoutMs ?? this.connector.config.timeouts?.call ?? DEFAULT_TIMEOUTS.call;
    const call = () =>
      client.callTool({ name, arguments: args }, CallToolResultSchema, {
        signal: options.signal,
        timeout,
        // A server that reports progress is alive: progress restarts the clock.
        resetTimeoutOnProgress: true,
        onprogress: options.onProgress,
      });
    // A call is always asked for by someone: a step-up (insufficient_scope) may open the browser.
    return (await this.authorized(call, true, options.signal)) as CallToolResult;
  }

  /** Runs a request through the OAuth sign-in loop when the connector signs in with OAuth. */
  private authorized<T>(op: () => Promise<T>, signIn: boolean, signal?: AbortSignal): Promise<T> {
    const oauth = this.oauth;
    if (!oauth) return op();
    return oauth.run(
      op,
      async (code) => {
        this.secrets.add(code);
        await this.authTransport?.finishAuth(code);
      },
      signIn,
      signal,
    );
  }

  private async listAllTools(client: Client, timeout: number): Promise<Tool[]> {
    const tools: Tool[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const result = await client.listTools(cursor ? { cursor } : {}, { timeout });
      tools.push(...result.tools);
      if (!result.nextCursor || result.nextCursor === cursor) return tools;
      cursor = result.nextCursor;
    }
    this.deps.log.warn(`tools/list still had more pages after ${MAX_TOOL_PAGES}; showing the first ${tools.length} tools`);
    return tools;
  }

  private async refreshTools(gen: number): Promise<void> {
    const client = this.client;
    if (!client || gen !== this.generation) return;
    try {
      const tools = await this.listAllTools(client, this.connector.config.timeouts?.connect ?? DEFAULT_TIMEOUTS.connect);
      if (gen === this.generation) {
        this.deps.log.info(`tool list changed: ${tools.length} tools`);
        this.set({ ...this.current, tools });
      }
    } catch (err) {
      this.deps.log.warn(`refreshing tools failed: ${(err as Error).message}`);
    }
  }

  private onClosed(gen: number): void {
    if (gen !== this.generation || this.current.status !== 'ready') return;
    this.client = undefined;
    this.fail(describeUnexpectedExit(this.stdio?.exit, this.stdio?.recentStderr ?? []));
  }

  private fail(error: ConnectorError): void {
    const message = this.redact(error.message);
    const signInRequired = error instanceof SignInRequiredError;
    if (signInRequired) this.deps.log.info(message);
    else this.deps.log.error(message);
    this.set({ status: 'error', error: message, errorDetails: error.details.map((d) => this.redact(d)), ...(signInRequired ? { signInRequired } : {}) });
  }

  private redact(text: string): string {
    return redactSecrets(text, this.secrets);
  }

  private set(state: SessionState): void {
    this.current = state;
    this.changed.fire(state);
  }

  /** Closes the connection (and kills a stdio server's process group). */
  async close(bumpGeneration = true): Promise<void> {
    if (bumpGeneration) this.generation++;
    const client = this.client;
    const stdio = this.stdio;
    const builtin = this.builtin;
    this.client = undefined;
    this.stdio = undefined;
    this.builtin = undefined;
    this.authTransport = undefined;
    await client?.close().catch(() => undefined);
    await stdio?.close().catch(() => undefined);
    await builtin?.close().catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await this.close();
    this.changed.dispose();
  }
}

export { ConnectorError };
