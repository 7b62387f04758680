import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../toolResults';
import { formatSize, readTextFile } from './fileContent';
import { scanForSecrets, type SecretFinding } from './secretScanner';
import { TRUNCATED_NOTE, workspaceFiles } from './workspaceFiles';
import { globField, READ_ONLY_LOCAL, workspaceTool, type WorkspaceToolContext } from './workspaceToolKit';

/**
 * secrets_scan: hard-coded credentials in the workspace's text files, each as rule, path:line and
 * a masked preview. What was not scanned (binaries, large files, files past the cap) is counted
 * in the answer, so "none found" is never claimed for files nobody looked at.
 */

const MAX_FINDINGS = 200;

export function registerSecretsScanTool(server: McpServer, ctx: WorkspaceToolContext): void {
  const { limits } = ctx;
  server.registerTool(
    'secrets_scan',
    {
      title: 'Scan for secrets',
      description:
        "Hard-coded credentials in the workspace's text files (AWS, GCP, Azure, GitHub, GitLab, npm, Slack, OpenAI and other tokens, private keys, passwords in URLs), found with secretlint's recommended rules. " +
        `Each finding gives the rule, path:line and a masked preview, never the secret. Binary files, files over ${formatSize(limits.maxScanBytes)}, .git, node_modules and .gitignore'd files are skipped; at most ${limits.maxSecretFiles} files are scanned. Returns {findings, scanned, skipped, notes}.`,
      inputSchema: { glob: globField('to scan') },
      annotations: { ...READ_ONLY_LOCAL, title: 'Scan for secrets' },
    },
    async ({ glob }, extra) =>
      workspaceTool(ctx, async (view) => {
        const { files, truncated } = await workspaceFiles(ctx, view, glob, extra.signal);
        const findings: (SecretFinding & { path: string; location: string })[] = [];
        let scanned = 0;
        const skipped = { binary: 0, too_large: 0, unreadable: 0, over_file_cap: 0 };
        for (const file of files) {
          if (extra.signal.aborted) break;
          if (scanned >= limits.maxSecretFiles) {
            skipped.over_file_cap = files.length - scanned - skipped.binary - skipped.too_large - skipped.unreadable;
            break;
          }
          const abs = `${file.root.real}/${file.rel}`;
          const read = await readTextFile(abs, limits.maxScanBytes).catch(() => undefined);
          if (!read) skipped.unreadable++;
          else if (read.kind === 'binary') skipped.binary++;
          else if (read.kind === 'too-large') skipped.too_large++;
          else {
            scanned++;
            for (const f of await scanForSecrets(read.text, abs)) findings.push({ path: file.shown, location: `${file.shown}:${f.line}`, ...f });
          }
        }
        const notes: string[] = [];
        if (findings.length === 0) notes.push(`No hard-coded credentials found in ${scanned} files.`);
        if (findings.length > MAX_FINDINGS) notes.push(`${findings.length - MAX_FINDINGS} more findings left out (showing ${MAX_FINDINGS}).`);
        if (skipped.over_file_cap)
          notes.push(`Stopped after ${limits.maxSecretFiles} files; ${skipped.over_file_cap} were not scanned: narrow the glob to scan them.`);
        if (truncated) notes.push(TRUNCATED_NOTE(limits.maxWalkFiles));
        notes.push(
          'Previews are masked (first characters and length); the secrets themselves are never returned. Rotate any real credential found, whatever the file.',
        );
        return jsonResult({ findings: findings.slice(0, MAX_FINDINGS), scanned, skipped, notes });
      }),
  );
}
