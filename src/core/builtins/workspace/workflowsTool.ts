import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../toolResults';
import { workflowSignals } from '../workflowSignals';
import { formatSize, readTextFile } from './fileContent';
import { workspaceFiles } from './workspaceFiles';
import { READ_ONLY_LOCAL, workspaceTool, type WorkspaceToolContext } from './workspaceToolKit';

/**
 * workflows: the workspace's GitHub Actions files with the same risk signals (the same code,
 * workflowSignals) the github connector's list_workflows gives for a remote repository.
 */

const WORKFLOWS_GLOB = '.github/workflows/*.{yml,yaml}';
const MAX_WORKFLOWS = 20;
const MAX_WORKFLOW_BYTES = 64 * 1024;

export function registerWorkflowsTool(server: McpServer, ctx: WorkspaceToolContext): void {
  server.registerTool(
    'workflows',
    {
      title: 'CI workflows',
      description: `The workspace's GitHub Actions workflows (.github/workflows/*.yml|yaml) with their content (each up to ${formatSize(MAX_WORKFLOW_BYTES)}, at most ${MAX_WORKFLOWS}) and signals worth reading: pull_request_target, checkout of the pull request's head, actions not pinned to a commit SHA, permissions, outsider-controlled expressions, secrets used.`,
      inputSchema: {},
      annotations: { ...READ_ONLY_LOCAL, title: 'CI workflows' },
    },
    async (_args, extra) =>
      workspaceTool(ctx, async (view) => {
        const { files } = await workspaceFiles(ctx, view, WORKFLOWS_GLOB, extra.signal);
        if (files.length === 0)
          return jsonResult({ workflows: [], note: 'No .github/workflows/*.yml files: the workspace defines no GitHub Actions workflows.' });
        const workflows = [];
        for (const file of files.slice(0, MAX_WORKFLOWS)) {
          const read = await readTextFile(`${file.root.real}/${file.rel}`, MAX_WORKFLOW_BYTES);
          if (read.kind !== 'text') {
            workflows.push({
              path: file.shown,
              size: read.size,
              note: read.kind === 'binary' ? 'Not readable as text.' : `${formatSize(read.size)}: too large to include; read it with read_file.`,
            });
            continue;
          }
          workflows.push({ path: file.shown, size: read.size, signals: workflowSignals(read.text), content: read.text });
        }
        return jsonResult({
          count: files.length,
          note: files.length > MAX_WORKFLOWS ? `Showing ${MAX_WORKFLOWS} of ${files.length} workflows; read the others with read_file.` : undefined,
          signals_note: 'Signals come from patterns in the text; confirm each in the content before reporting it.',
          workflows,
        });
      }),
  );
}
