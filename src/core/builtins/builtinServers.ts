import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BuiltinName } from './catalog';
import { GitHubCache, type GitHubConnectorOptions } from './github/githubServer';
import type { SupplyChainOptions } from './supplyChain/supplyChainServer';
import type { WebConnectorOptions } from './web/webServer';
import type { WorkspaceConnectorOptions } from './workspace/workspaceServer';

/**
 * What the built-in servers need from their front end (VS Code or the CLI): credentials,
 * settings and endpoints. Each is read when a server is built, so a changed setting or a new
 * sign-in applies at the next connect.
 */
export interface BuiltinServices {
  /** Without `cache`, the process-wide one below is used. */
  github(): GitHubConnectorOptions;
  web(): WebConnectorOptions;
  supplyChain(): SupplyChainOptions;
  workspace(): WorkspaceConnectorOptions;
}

/**
 * One ETag cache per process (a VS Code window, a CLI run): every github server built here
 * shares it, so a reconnect or a second audit is answered "not modified".
 */
const githubCache = new GitHubCache();

/**
 * Builds one built-in MCP server. This module is its own bundle (dist/builtins.js), which the
 * extension and the CLI load on the first connect of a built-in: activation and
 * `connectors list` never parse Octokit, the HTML parser or secretlint.
 */
export async function createBuiltinServer(name: BuiltinName, services: BuiltinServices): Promise<McpServer> {
  switch (name) {
    case 'github':
      return (await import('./github/githubServer.js')).createGitHubServer({ cache: githubCache, ...services.github() });
    case 'web':
      return (await import('./web/webServer.js')).createWebServer(services.web());
    case 'supply_chain': {
      // audit_dependencies reads the tree through the workspace connector's own roots and trust,
      // so the front ends wire nothing twice and both connectors always see the same folders.
      const [{ createSupplyChainServer }, { workspaceDependencySource }] = await Promise.all([
        import('./supplyChain/supplyChainServer.js'),
        import('./workspace/dependencySource.js'),
      ]);
      return createSupplyChainServer({ workspaceDependencies: workspaceDependencySource(services.workspace()), ...services.supplyChain() });
    }
    case 'workspace':
      return (await import('./workspace/workspaceServer.js')).createWorkspaceServer(services.workspace());
  }
}
