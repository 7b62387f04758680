import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { errorResult, jsonResult } from '../toolResults';
import { isNotFound } from './failures';
import { decodeFileContent, formatBytes, MAX_FILE_BYTES } from './fileContent';
import { defaultBranch, notFoundInRepo, perPageField, READ_ONLY, refField, repoShape, repoTool, requestOf, type GitHubToolContext, webUrlOf } from './toolKit';

/** The code itself: what files there are, what one says, where a word occurs. */

const MAX_TREE_ENTRIES = 1000;

export function registerCodeTools(server: McpServer, ctx: GitHubToolContext): void {
  server.registerTool(
    'list_files',
    {
      title: 'List files',
      description: `Every file and folder of a branch, tag or commit (the git tree, recursively), with file sizes; at most ${MAX_TREE_ENTRIES} entries, narrowed by a path prefix.`,
      inputSchema: {
        ...repoShape,
        ref: refField,
        path_prefix: z.string().max(500).optional().describe('Only entries under this folder, e.g. "src/" or ".github/". Default: the whole tree.'),
      },
      annotations: { ...READ_ONLY, title: 'List files' },
    },
    async ({ owner, repo, ref, path_prefix }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const treeRef = ref ?? (await defaultBranch(ctx, { owner, repo }, extra));
        let tree;
        try {
          tree = (await (await ctx.github()).rest.git.getTree({ owner, repo, tree_sha: treeRef, recursive: '1', ...requestOf(extra) })).data;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          return notFoundInRepo(
            ctx,
            { owner, repo },
            extra,
            err,
            `No branch, tag or commit "${treeRef}" in ${owner}/${repo}; list_tags and get_repository show the refs there are.`,
          );
        }
        const prefix = (path_prefix ?? '').replace(/^\/+/, '');
        const matching = tree.tree.filter((e) => e.path.startsWith(prefix));
        const shown = matching.slice(0, MAX_TREE_ENTRIES);
        const notes: string[] = [];
        if (tree.truncated)
          notes.push(
            'GitHub truncated this tree (the repository is very large): some entries are missing; narrow with path_prefix or read folders with read_file.',
          );
        if (matching.length > shown.length) notes.push(`Showing the first ${shown.length} of ${matching.length} entries; narrow with path_prefix.`);
        const treeUrl = `${webUrlOf(ctx, { owner, repo })}/tree/${encodeURIComponent(treeRef)}${prefix ? `/${prefix.replace(/\/$/, '')}` : ''}`;
        return jsonResult({
          repository: `${owner}/${repo}`,
          ref: treeRef,
          commit_tree_sha: tree.sha,
          total_entries: matching.length,
          truncated: tree.truncated || matching.length > shown.length,
          notes: notes.length ? notes : undefined,
          // One string per entry keeps a thousand entries readable: "dir/", "file (size)", "module @submodule".
          entries: shown.map((e) =>
            e.type === 'tree' ? `${e.path}/` : e.type === 'commit' ? `${e.path} @submodule` : `${e.path} (${formatBytes(e.size ?? 0)})`,
          ),
          sources: [treeUrl],
        });
      }),
  );

  server.registerTool(
    'read_file',
    {
      title: 'Read file',
      description: `The text of one file at a branch, tag or commit (up to ${formatBytes(MAX_FILE_BYTES)}); a binary file is reported as binary, and a folder as its entries.`,
      inputSchema: {
        ...repoShape,
        path: z.string().min(1).max(1000).describe('The file\'s path from the repository root, e.g. "package.json" or ".github/workflows/ci.yml".'),
        ref: refField,
      },
      annotations: { ...READ_ONLY, title: 'Read file' },
    },
    async ({ owner, repo, path, ref }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const cleanPath = path.replace(/^\/+/, '');
        let data;
        try {
          data = (await (await ctx.github()).rest.repos.getContent({ owner, repo, path: cleanPath, ref, ...requestOf(extra) })).data;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          return notFoundInRepo(
            ctx,
            { owner, repo },
            extra,
            err,
            `No file ${cleanPath}${ref ? ` at ${ref}` : ''} in ${owner}/${repo}; list_files shows the paths there are.`,
          );
        }
        if (Array.isArray(data)) {
          return jsonResult({
            path: cleanPath,
            type: 'folder',
            note: 'This path is a folder; read one of its files.',
            entries: data.map((e) => (e.type === 'dir' ? `${e.path}/` : e.path)),
            sources: [`${webUrlOf(ctx, { owner, repo })}/tree/${encodeURIComponent(ref ?? 'HEAD')}/${cleanPath}`],
          });
        }
        if (data.type !== 'file') {
          return jsonResult({
            path: cleanPath,
            type: data.type,
            note: `This path is a ${data.type}, not a file.`,
            target: 'target' in data ? data.target : undefined,
            sources: [data.html_url].filter(Boolean),
          });
        }
        const sources = [data.html_url ?? `${webUrlOf(ctx, { owner, repo })}/blob/${encodeURIComponent(ref ?? 'HEAD')}/${cleanPath}`];
        const decoded = decodeFileContent(data);
        if (decoded.kind === 'too-large') {
          return errorResult(
            `${cleanPath} is ${formatBytes(decoded.size)}, more than the ${formatBytes(MAX_FILE_BYTES)} read_file reads; use search_code to find the lines that matter, or cite ${sources[0]}.`,
          );
        }
        if (decoded.kind === 'binary') {
          return jsonResult({
            path: cleanPath,
            ref: ref ?? null,
            size: data.size,
            binary: true,
            note: `Binary file (${decoded.reason}); its bytes are not shown.`,
            html_url: sources[0],
            sources,
          });
        }
        return jsonResult({ path: cleanPath, ref: ref ?? null, size: data.size, sha: data.sha, html_url: sources[0], content: decoded.text, sources });
      }),
  );

  server.registerTool(
    'search_code',
    {
      title: 'Search code',
      description:
        'Searches the code of one repository (GitHub code search: default branch, files under 384 KB) and returns matching files with the matching lines. Needs a signed-in user.',
      inputSchema: {
        ...repoShape,
        query: z
          .string()
          .min(1)
          .max(200)
          .describe('Words or qualifiers to find, e.g. "eval(", "child_process language:js" or "filename:postinstall". The repo: qualifier is added for you.'),
        per_page: perPageField(20),
      },
      annotations: { ...READ_ONLY, title: 'Search code' },
    },
    async ({ owner, repo, query, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        if (/(^|\s)(repo|org|user):/i.test(query)) {
          return errorResult(`search_code searches ${owner}/${repo} only; leave repo:, org: and user: out of the query.`);
        }
        const q = `${query} repo:${owner}/${repo}`;
        const { data } = await (await ctx.github()).rest.search.code({ q, per_page: per_page ?? 20, mediaType: { format: 'text-match' }, ...requestOf(extra) });
        return jsonResult({
          query: q,
          total_count: data.total_count,
          incomplete_results: data.incomplete_results,
          note:
            data.total_count === 0
              ? 'No match. Code search covers the default branch only and skips files over 384 KB; try list_files and read_file.'
              : undefined,
          items: data.items.map((item) => ({
            path: item.path,
            html_url: item.html_url,
            fragments: (item.text_matches ?? []).map((m) => m.fragment).filter((f): f is string => typeof f === 'string'),
          })),
          sources: data.items.map((item) => item.html_url),
        });
      }),
  );
}
