import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { errorResult, jsonResult } from '../toolResults';
import { isNotFound } from './failures';
import { notFoundInRepo, repoShape, repoTool, requestOf, WRITES, type GitHubToolContext, type RepoRef } from './toolKit';

/**
 * Tools that change a repository. They are marked destructive and not read-only, which is what
 * makes the extension and the CLI ask a person before each call; nothing here asks by itself.
 */

const pathField = z.string().min(1).max(1000).describe('The file\'s path from the repository root, e.g. "docs/AUDIT.md".');
const branchField = z.string().min(1).max(255).optional().describe('The branch to commit to. Default: the default branch.');
const messageField = z.string().min(1).max(5000).describe('The commit message.');

export function registerWriteTools(server: McpServer, ctx: GitHubToolContext): void {
  /** Writing needs a person behind it: fail before the request, with the way to sign in. */
  const signedIn = async (ref: RepoRef, body: () => Promise<CallToolResult>): Promise<CallToolResult> =>
    (await ctx.token()) ? repoTool(ctx, ref, body) : errorResult(`Changing ${ref.owner}/${ref.repo} on GitHub needs a signed-in user. ${ctx.signInHint}`);

  server.registerTool(
    'create_issue',
    {
      title: 'Create issue',
      description: 'Opens a new issue in the repository, for example to report an audit finding to the maintainers.',
      inputSchema: {
        ...repoShape,
        title: z.string().min(1).max(256).describe('The issue title.'),
        body: z.string().max(65_536).optional().describe('The issue text (Markdown).'),
        labels: z.array(z.string().min(1).max(100)).max(10).optional().describe('Labels to add; they must exist in the repository.'),
      },
      annotations: { ...WRITES, title: 'Create issue' },
    },
    async ({ owner, repo, title, body, labels }, extra) =>
      signedIn({ owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.issues.create({ owner, repo, title, body, labels, ...requestOf(extra) });
        return jsonResult({ created: true, number: data.number, title: data.title, html_url: data.html_url, sources: [data.html_url] });
      }),
  );

  server.registerTool(
    'add_issue_comment',
    {
      title: 'Add issue comment',
      description: 'Adds a comment to an issue or pull request.',
      inputSchema: {
        ...repoShape,
        issue_number: z.number().int().min(1).describe('The issue or pull request number.'),
        body: z.string().min(1).max(65_536).describe('The comment text (Markdown).'),
      },
      annotations: { ...WRITES, title: 'Add issue comment' },
    },
    async ({ owner, repo, issue_number, body }, extra) =>
      signedIn({ owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.issues.createComment({ owner, repo, issue_number, body, ...requestOf(extra) });
        return jsonResult({ created: true, id: data.id, html_url: data.html_url, sources: [data.html_url] });
      }),
  );

  server.registerTool(
    'create_or_update_file',
    {
      title: 'Create or update file',
      description: 'Commits a text file: creates it, or replaces it when you pass the sha of the current version (read_file gives it).',
      inputSchema: {
        ...repoShape,
        path: pathField,
        content: z.string().max(1_000_000).describe('The complete new text of the file (UTF-8).'),
        message: messageField,
        branch: branchField,
        sha: z
          .string()
          .regex(/^[0-9a-f]{40}$/i, 'a 40-character blob SHA')
          .optional()
          .describe('The blob SHA of the file being replaced; required to update, left out to create.'),
      },
      annotations: { ...WRITES, title: 'Create or update file' },
    },
    async ({ owner, repo, path, content, message, branch, sha }, extra) =>
      signedIn({ owner, repo }, async () => {
        const { data, status } = await (
          await ctx.github()
        ).rest.repos.createOrUpdateFileContents({
          owner,
          repo,
          path: path.replace(/^\/+/, ''),
          message,
          content: Buffer.from(content, 'utf8').toString('base64'),
          branch,
          sha,
          ...requestOf(extra),
        });
        const commitUrl = data.commit.html_url ?? null;
        return jsonResult({
          [status === 201 ? 'created' : 'updated']: true,
          path: data.content?.path ?? path,
          sha: data.content?.sha ?? null,
          html_url: data.content?.html_url ?? null,
          commit: { sha: data.commit.sha ?? null, html_url: commitUrl },
          sources: [data.content?.html_url, commitUrl].filter((u): u is string => typeof u === 'string'),
        });
      }),
  );

  server.registerTool(
    'delete_file',
    {
      title: 'Delete file',
      description: 'Commits the deletion of a file; needs the sha of its current version (read_file gives it).',
      inputSchema: {
        ...repoShape,
        path: pathField,
        message: messageField,
        sha: z
          .string()
          .regex(/^[0-9a-f]{40}$/i, 'a 40-character blob SHA')
          .describe('The blob SHA of the file being deleted.'),
        branch: branchField,
      },
      annotations: { ...WRITES, title: 'Delete file' },
    },
    async ({ owner, repo, path, message, sha, branch }, extra) =>
      signedIn({ owner, repo }, async () => {
        const cleanPath = path.replace(/^\/+/, '');
        let data;
        try {
          data = (await (await ctx.github()).rest.repos.deleteFile({ owner, repo, path: cleanPath, message, sha, branch, ...requestOf(extra) })).data;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          return notFoundInRepo(ctx, { owner, repo }, extra, err, `No file ${cleanPath}${branch ? ` on ${branch}` : ''} in ${owner}/${repo} to delete.`);
        }
        const commitUrl = data.commit.html_url ?? null;
        return jsonResult({
          deleted: true,
          path: cleanPath,
          commit: { sha: data.commit.sha ?? null, html_url: commitUrl },
          sources: commitUrl ? [commitUrl] : [],
        });
      }),
  );
}
