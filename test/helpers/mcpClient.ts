import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResultSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** An SDK client linked to `server` in this process, as the extension links its built-in connectors. */
export async function linkedClient(server: McpServer): Promise<{
  client: Client;
  call: (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;
  text: (r: CallToolResult) => string;
  close: () => Promise<void>;
}> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'tests', version: '0' });
  await client.connect(clientSide);
  return {
    client,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args }, CallToolResultSchema)) as CallToolResult,
    text: (r) => r.content.map((b) => (b.type === 'text' ? b.text : `[${b.type}]`)).join('\n'),
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
