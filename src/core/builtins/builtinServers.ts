import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BuiltinName } from './catalog';
import type { GitHubConnectorOptions } from './github/githubServer';
import type { SupplyChainOptions } from './supplyChain/supplyChainServer';
import type { WebConnectorOptions } from './web/webServer';

/**
 * What the built-in servers need from their front end (VS Code or the CLI): credentials,
 * settings and endpoints. Each is read when a server is built, so a changed setting or a new
 * sign-in applies at the next connect.
 */
export interface BuiltinServices {
  github(): GitHubConnectorOptions;
  web(): WebConnectorOptions;
  supplyChain(): SupplyChainOptions;
}

/**
 * Builds one built-in MCP server. The modules load on first use (esbuild keeps dynamically
 * imported modules lazy), so activation and `connectors list` never pay for Octokit or the
 * HTML parser.
 */
export async function createBuiltinServer(name: BuiltinName, services: BuiltinServices): Promise<McpServer> {
  switch (name) {
    case 'github':
      return (await import('./github/githubServer.js')).createGitHubServer(services.github());
    case 'web':
      return (await import('./web/webServer.js')).createWebServer(services.web());
    case 'supply_chain':
      return (await import('./supplyChain/supplyChainServer.js')).createSupplyChainServer(services.supplyChain());
  }
}
