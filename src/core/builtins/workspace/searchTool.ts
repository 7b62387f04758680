import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { errorResult, textResult } from '../toolResults';
import { readTextFile } from './fileContent';
import { clipLine, LineMatcher, TimeBudgetExceeded } from './lineMatcher';
import { redactSecrets } from './secretScanner';
import { TRUNCATED_NOTE, workspaceFiles } from './workspaceFiles';
import { globField, READ_ONLY_LOCAL, workspaceTool, type WorkspaceToolContext } from './workspaceToolKit';

/**
 * search_code: ripgrep-like `path:line: text` results over the workspace's text files, capped in
 * results, in characters scanned per line and in time; every cap that cut the answer is named.
 * A secret on a matching line is shown masked (the pattern may be what found it).
 */

export function registerSearchTool(server: McpServer, ctx: WorkspaceToolContext): void {
  const { limits } = ctx;
  server.registerTool(
    'search_code',
    {
      title: 'Search workspace code',
      description:
        `Search the text files of the open workspace for a regular expression (JavaScript syntax) or a literal string; returns "path:line: text" for each matching line (at most ${limits.maxSearchResults}). ` +
        `Binary files, files over ${Math.round(limits.maxScanBytes / 1024)} KB, .git, node_modules and .gitignore'd files are skipped; each line is matched on its first ${limits.maxLineChars} characters, and the search stops after ${limits.searchTimeMs / 1000} s.`,
      inputSchema: {
        pattern: z.string().min(1).max(1000).describe('What to find: a JavaScript regular expression, or with literal: true the exact text.'),
        literal: z.boolean().optional().describe('Treat pattern as plain text, not a regular expression (default false).'),
        ignore_case: z.boolean().optional().describe('Match regardless of case (default false).'),
        glob: globField('to search'),
        max_results: z
          .number()
          .int()
          .min(1)
          .max(limits.maxSearchResults)
          .optional()
          .describe(`Most matching lines to return (default and maximum ${limits.maxSearchResults}).`),
      },
      annotations: { ...READ_ONLY_LOCAL, title: 'Search workspace code' },
    },
    async ({ pattern, literal = false, ignore_case = false, glob, max_results = limits.maxSearchResults }, extra) =>
      workspaceTool(ctx, async (view) => {
        const source = literal ? pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : pattern;
        const flags = ignore_case ? 'i' : '';
        try {
          new RegExp(source, flags);
        } catch (err) {
          return errorResult(
            `The pattern is not a valid JavaScript regular expression (${(err as Error).message}); fix it, or pass literal: true to search for the text as is.`,
          );
        }
        const { files, truncated } = await workspaceFiles(ctx, view, glob, extra.signal);
        const matcher = new LineMatcher(source, flags, limits.maxLineChars, limits.searchTimeMs, extra.signal);
        const lines: string[] = [];
        let capped = false;
        let skipped = 0;
        let searched = 0;
        let timedOut = false;
        try {
          for (const file of files) {
            if (extra.signal.aborted) break;
            const read = await readTextFile(`${file.root.real}/${file.rel}`, limits.maxScanBytes).catch(() => undefined);
            if (read?.kind !== 'text') {
              skipped++;
              continue;
            }
            const { hits, more: fileMore } = await matcher.match(read.text, max_results - lines.length);
            searched++;
            if (hits.length) {
              // Lines are shown with any secret in them masked, as read_file shows them.
              const shownLines = (await redactSecrets(read.text, `${file.root.real}/${file.rel}`)).text.split(/\r?\n/);
              for (const hit of hits) lines.push(`${file.shown}:${hit.line}: ${clipLine(shownLines[hit.line - 1] ?? '', hit.column)}`);
            }
            // At the cap the search stops: finding out how many more there are would cost the whole walk.
            if (fileMore || lines.length >= max_results) {
              capped = true;
              break;
            }
          }
        } catch (err) {
          if (!(err instanceof TimeBudgetExceeded)) throw err;
          timedOut = true;
        } finally {
          await matcher.dispose();
        }
        const notes: string[] = [];
        if (lines.length === 0 && !timedOut) notes.push(`No matches in ${searched} files.`);
        if (capped) notes.push(`Stopped at ${lines.length} matching lines (the cap): more may be left out; narrow the pattern or the glob.`);
        if (timedOut)
          notes.push(
            `Search stopped after ${limits.searchTimeMs / 1000} s (${searched} of ${files.length} files searched): the results are partial. A pattern with nested repetition such as (a+)+ can take this long on one line; simplify it, use literal: true, or narrow the glob.`,
          );
        if (skipped) notes.push(`${skipped} binary or larger-than-${Math.round(limits.maxScanBytes / 1024)} KB files were skipped.`);
        if (truncated) notes.push(TRUNCATED_NOTE(limits.maxWalkFiles));
        return textResult([...lines, ...notes].join('\n'));
      }),
  );
}
