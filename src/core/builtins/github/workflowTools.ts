import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../toolResults';
import { isNotFound } from './failures';
import { decodeFileContent, formatBytes } from './fileContent';
import { READ_ONLY, refField, repoShape, repoTool, requestOf, type GitHubToolContext, webUrlOf, whenRepoExists } from './toolKit';
import { workflowSignals } from '../workflowSignals';

/**
 * GitHub Actions workflows with their text: CI is where a repository runs code with secrets, so
 * `pull_request_target`, actions pinned to a movable tag and broad permissions matter to an audit.
 */

const WORKFLOWS_DIR = '.github/workflows';
const MAX_WORKFLOWS = 20;
const MAX_WORKFLOW_BYTES = 64 * 1024;

export function registerWorkflowTools(server: McpServer, ctx: GitHubToolContext): void {
  server.registerTool(
    'list_workflows',
    {
      title: 'List workflows',
      description: `The GitHub Actions workflow files under ${WORKFLOWS_DIR} with their content (each up to ${formatBytes(MAX_WORKFLOW_BYTES)}, at most ${MAX_WORKFLOWS}) and signals worth reading: pull_request_target, actions not pinned to a commit SHA, permissions, outsider-controlled expressions, secrets used.`,
      inputSchema: { ...repoShape, ref: refField },
      annotations: { ...READ_ONLY, title: 'List workflows' },
    },
    async ({ owner, repo, ref }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const folderUrl = `${webUrlOf(ctx, { owner, repo })}/tree/${encodeURIComponent(ref ?? 'HEAD')}/${WORKFLOWS_DIR}`;
        let listing;
        try {
          listing = (await (await ctx.github()).rest.repos.getContent({ owner, repo, path: WORKFLOWS_DIR, ref, ...requestOf(extra) })).data;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          await whenRepoExists(ctx, { owner, repo }, extra, err);
          return jsonResult({
            repository: `${owner}/${repo}`,
            workflows: [],
            note: `No ${WORKFLOWS_DIR} folder: the repository runs no GitHub Actions workflows.`,
            sources: [webUrlOf(ctx, { owner, repo })],
          });
        }
        const files = (Array.isArray(listing) ? listing : []).filter((e) => e.type === 'file' && /\.ya?ml$/i.test(e.name));
        const workflows = [];
        for (const file of files.slice(0, MAX_WORKFLOWS)) {
          const htmlUrl = file.html_url ?? `${folderUrl}/${file.name}`;
          if (file.size > MAX_WORKFLOW_BYTES) {
            workflows.push({
              path: file.path,
              size: file.size,
              html_url: htmlUrl,
              note: `${formatBytes(file.size)}: too large to include; read it with read_file.`,
            });
            continue;
          }
          const { data } = await (await ctx.github()).rest.repos.getContent({ owner, repo, path: file.path, ref, ...requestOf(extra) });
          const decoded = !Array.isArray(data) && data.type === 'file' ? decodeFileContent(data, MAX_WORKFLOW_BYTES) : undefined;
          if (decoded?.kind !== 'text') {
            workflows.push({ path: file.path, size: file.size, html_url: htmlUrl, note: 'Not readable as text.' });
            continue;
          }
          workflows.push({ path: file.path, size: file.size, html_url: htmlUrl, signals: workflowSignals(decoded.text), content: decoded.text });
        }
        return jsonResult({
          repository: `${owner}/${repo}`,
          ref: ref ?? null,
          count: files.length,
          note: files.length > MAX_WORKFLOWS ? `Showing ${MAX_WORKFLOWS} of ${files.length} workflows; read the others with read_file.` : undefined,
          signals_note: 'Signals come from patterns in the text; confirm each in the content before reporting it.',
          workflows,
          sources: [folderUrl, ...workflows.map((w) => w.html_url)],
        });
      }),
  );
}
