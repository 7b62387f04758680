import { stat } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { errorResult, textResult } from '../toolResults';
import { confinedFile } from './confinement';
import { formatSize, readTextFile } from './fileContent';
import { TRUNCATED_NOTE, workspaceFiles } from './workspaceFiles';
import { redactSecrets } from './secretScanner';
import { locate } from './workspaceRoots';
import { globField, READ_ONLY_LOCAL, workspaceTool, type WorkspaceToolContext } from './workspaceToolKit';

/**
 * list_files and read_file: the open folder as the model may see it. Both answer in plain text
 * (a path per line; numbered lines), which a model reads more cheaply than JSON.
 */

const DEFAULT_PAGE = 200;

export function registerFileTools(server: McpServer, ctx: WorkspaceToolContext): void {
  const { limits } = ctx;
  server.registerTool(
    'list_files',
    {
      title: 'List workspace files',
      description:
        'Files of the open workspace that match a glob, with their sizes, a page at a time (sorted by path). ' +
        '.git, node_modules, files matched by .gitignore and symbolic links are left out. With several workspace folders, paths start with the folder name.',
      inputSchema: {
        glob: globField('to list'),
        offset: z.number().int().min(0).optional().describe('Where the page starts: 0 (default), or the next_offset a previous page gave.'),
        page_size: z.number().int().min(1).max(limits.maxPageSize).optional().describe(`Paths per page, 1–${limits.maxPageSize} (default ${DEFAULT_PAGE}).`),
      },
      annotations: { ...READ_ONLY_LOCAL, title: 'List workspace files' },
    },
    async ({ glob, offset = 0, page_size = DEFAULT_PAGE }, extra) =>
      workspaceTool(ctx, async (view) => {
        const { files, truncated } = await workspaceFiles(ctx, view, glob, extra.signal);
        const page = files.slice(offset, offset + page_size);
        const lines: string[] = [];
        for (const f of page) {
          const size = await stat(`${f.root.real}/${f.rel}`).then(
            (s) => formatSize(s.size),
            () => 'gone',
          );
          lines.push(`${f.shown}\t${size}`);
        }
        const what = glob ? `matching "${glob}"` : 'in the workspace';
        const count = `${files.length} ${files.length === 1 ? 'file' : 'files'} ${what}`;
        const head =
          files.length === 0
            ? `No files ${what}.`
            : page.length === 0
              ? `${count}; offset ${offset} is past the end.`
              : `${count}; showing ${offset + 1}–${offset + page.length}.`;
        const next = offset + page.length < files.length ? [`More: call again with offset ${offset + page.length} (next_offset).`] : [];
        return textResult([head, ...lines, ...next, ...(truncated ? [TRUNCATED_NOTE(limits.maxWalkFiles)] : [])].join('\n'));
      }),
  );

  server.registerTool(
    'read_file',
    {
      title: 'Read a workspace file',
      description:
        `A text file of the open workspace with numbered lines, optionally a range of lines (at most ${limits.maxReadLines} per call; files up to ${formatSize(limits.maxReadBytes)}). ` +
        "Binary files, files outside the workspace (also through symbolic links), .git, node_modules and .gitignore'd files are refused with the reason.",
      inputSchema: {
        path: z
          .string()
          .min(1)
          .max(1000)
          .describe('The file, relative to the workspace (with several workspace folders, starting with the folder name), as list_files shows it.'),
        start_line: z.number().int().min(1).optional().describe('First line to return (1-based; default 1).'),
        end_line: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe(`Last line to return (default: start_line + ${limits.maxReadLines - 1}, or the end).`),
      },
      annotations: { ...READ_ONLY_LOCAL, title: 'Read a workspace file' },
    },
    async ({ path, start_line = 1, end_line }) =>
      workspaceTool(ctx, async (view) => {
        if (end_line !== undefined && end_line < start_line) return errorResult(`end_line (${end_line}) is before start_line (${start_line}).`);
        const { root, rel } = locate(view.roots, path);
        const real = await confinedFile(root, rel, view.rules(root), path);
        const read = await readTextFile(real, limits.maxReadBytes);
        if (read.kind === 'binary') return errorResult(`"${path}" is a binary file (${formatSize(read.size)}); only text files are read.`);
        if (read.kind === 'too-large')
          return errorResult(
            `"${path}" is ${formatSize(read.size)}, over the ${formatSize(limits.maxReadBytes)} read_file reads; find the lines you need with search_code.`,
          );
        // A credential in the file is shown masked, as secrets_scan reports it; line numbers stay true.
        const { text, masked } = await redactSecrets(read.text, real);
        const all = text.split(/\r?\n/);
        if (all.length > 1 && all[all.length - 1] === '') all.pop();
        if (start_line > all.length) return errorResult(`"${path}" has ${all.length} lines; start_line ${start_line} is past the end.`);
        const last = Math.min(end_line ?? all.length, all.length, start_line + limits.maxReadLines - 1);
        const width = String(last).length;
        const body = all.slice(start_line - 1, last).map((line, i) => `${String(start_line + i).padStart(width)}: ${line}`);
        const head = `${path} (${all.length} lines, ${formatSize(read.size)}); lines ${start_line}–${last}:`;
        const rest = last + 1 === all.length ? `line ${all.length} remains` : `lines ${last + 1}–${all.length} remain`;
        const tail = last < all.length ? [`More: ${rest}; call again with start_line ${last + 1}.`] : [];
        const secrets = masked
          ? [`${masked} secret${masked === 1 ? '' : 's'} in this file ${masked === 1 ? 'is' : 'are'} masked («secret masked: …»); secrets_scan lists where.`]
          : [];
        return textResult([head, ...body, ...tail, ...secrets].join('\n'));
      }),
  );
}
