import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResultSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../../src/core/connectors/registry';
import type { ConnectorConfig } from '../../src/core/connectors/schema';
import { ConnectorSession, type SessionState } from '../../src/core/mcp/session';
import { connectorOf, memoryLog } from './sessions';

/**
 * A ConnectorSession whose server is an SDK McpServer in the same process (InMemoryTransport):
 * real MCP messages, no child process, so loop tests and benchmarks measure the loop.
 * ToolCaller takes the session class, hence a subclass that swaps the connection.
 */
class InProcessSession extends ConnectorSession {
  private live: SessionState = { status: 'connecting' };

  constructor(
    connector: Connector,
    private readonly mcp: Client,
    private readonly mcpServer: McpServer,
  ) {
    super(connector, {
      placeholders: { secrets: { get: async () => undefined }, env: {} },
      log: memoryLog(),
      clientInfo: { name: 'in-process', version: '0' },
    });
  }

  async start(): Promise<void> {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await this.mcpServer.connect(serverSide);
    await this.mcp.connect(clientSide);
    const { tools } = await this.mcp.listTools();
    this.live = { status: 'ready', tools };
  }

  override get state(): SessionState {
    return this.live;
  }

  override async ensureReady(): Promise<readonly Tool[]> {
    return this.live.tools ?? [];
  }

  override async callTool(
    name: string,
    args: Record<string, unknown>,
    options: { signal?: AbortSignal; timeoutMs?: number; onProgress?: (p: { progress: number; total?: number; message?: string }) => void } = {},
  ): Promise<CallToolResult> {
    return (await this.mcp.callTool({ name, arguments: args }, CallToolResultSchema, {
      signal: options.signal,
      timeout: options.timeoutMs,
      onprogress: options.onProgress,
    })) as CallToolResult;
  }

  override async dispose(): Promise<void> {
    await this.mcp.close();
    await this.mcpServer.close();
  }
}

/** Builds a connector named `name` whose tools `register` defines on an McpServer. */
export async function inProcessConnector(
  name: string,
  register: (server: McpServer) => void,
  config: Partial<ConnectorConfig> = {},
): Promise<{ connector: Connector; session: ConnectorSession }> {
  const server = new McpServer({ name, version: '0.0.0' });
  register(server);
  const connector = connectorOf({ name, command: 'in-process', ...config });
  const session = new InProcessSession(connector, new Client({ name: 'tests', version: '0' }), server);
  await session.start();
  return { connector, session };
}
