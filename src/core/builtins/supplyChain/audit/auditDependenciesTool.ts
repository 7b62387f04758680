/**
 * The `audit_dependencies` tool. It lives in the supply_chain connector, with the clients, cache
 * and rate limits it spends, rather than in `workspace` (which promises it never touches the
 * network): the workspace's dependency tree comes in through a provider the built-in factory wires
 * from the same roots and trust the workspace connector reads, so both connectors see one tree.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Dependency } from '../../../dependencies';
import { errorResult, guarded, jsonResult, READ_ONLY_OPEN_WORLD } from '../../toolResults';
import type { DependencyAuditCache } from './auditCache';
import { auditAnswer } from './auditAnswer';
import type { DependencyAuditClients } from './auditClients';
import { auditDependencies } from './dependencyAudit';

/** What the front end gives: the open workspace's dependencies, read fresh on every call. */
export type WorkspaceDependencyProvider = (signal: AbortSignal) => Promise<{ dependencies: Dependency[]; warnings: string[]; trusted: boolean }>;

const ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'Maven'] as const;
const DEFAULT_RESULTS = 50;
const MAX_RESULTS = 500;
const MAX_WARNINGS = 10;
/** Progress notifications at most this often: a 10k tree must not flood the client. */
const PROGRESS_INTERVAL_MS = 100;

export function registerAuditDependenciesTool(
  server: McpServer,
  clients: DependencyAuditClients,
  provider: WorkspaceDependencyProvider | undefined,
  cache: DependencyAuditCache | undefined,
): void {
  server.registerTool(
    'audit_dependencies',
    {
      title: 'Audit the workspace dependencies',
      description:
        "Checks every resolved dependency of the open workspace (from its lockfiles) against OSV.dev, and the direct ones against deps.dev (licence, provenance) and their GitHub source repository's OpenSSF Scorecard. Returns complete counts by severity, malware (OSV MAL- records) first, then vulnerable packages worst first with the fixed version to upgrade to and 'via' (the direct dependency that brings a transitive one in), licences, provenance and Scorecards of direct dependencies, and notes on anything that could not be checked. Sends progress notifications.",
      inputSchema: {
        ecosystem: z.enum(ECOSYSTEMS).optional().describe('Only this ecosystem (OSV spelling). Default: all.'),
        scope: z
          .enum(['all', 'prod', 'direct'])
          .optional()
          .describe('all (default), prod (leave out development-only dependencies) or direct (only what the project declares itself).'),
        max_results: z
          .number()
          .int()
          .min(1)
          .max(MAX_RESULTS)
          .optional()
          .describe(`Most packages listed in the answer (malware first, then the worst); default ${DEFAULT_RESULTS}. The counts always cover every package.`),
      },
      annotations: { title: 'Audit the workspace dependencies', ...READ_ONLY_OPEN_WORLD },
    },
    (args, extra) =>
      guarded(async () => {
        if (!provider)
          return errorResult(
            'No workspace is wired to this supply_chain connector, so there are no dependencies to audit; use osv_query_batch with a list of packages.',
          );
        const workspace = await provider(extra.signal);
        const deps = workspace.dependencies.filter(
          (d) => (!args.ecosystem || d.ecosystem === args.ecosystem) && (args.scope === 'direct' ? d.direct : args.scope === 'prod' ? !d.dev : true),
        );
        const token = extra._meta?.progressToken;
        let last = 0;
        const onProgress =
          token === undefined
            ? undefined
            : (done: number, total: number) => {
                const now = Date.now();
                if (done < total && done > 0 && now - last < PROGRESS_INTERVAL_MS) return;
                last = now;
                extra
                  .sendNotification({
                    method: 'notifications/progress',
                    params: { progressToken: token, progress: done, total, message: `Checked ${done} of ${total} (packages, advisories, direct dependencies)` },
                  })
                  .catch(() => undefined); // a client that went away must not fail the audit
              };
        const result = await auditDependencies(deps, clients, { signal: extra.signal, ...(onProgress ? { onProgress } : {}), ...(cache ? { cache } : {}) });
        const notes = [
          ...(workspace.trusted ? [] : ['This workspace is not trusted: its lockfiles may have been written to hide a dependency. Say so in the report.']),
          ...(deps.length === 0
            ? [
                workspace.dependencies.length
                  ? 'No dependency matches this ecosystem and scope.'
                  : 'The workspace has no manifest or lockfile the auditor reads.',
              ]
            : []),
          ...workspace.warnings.slice(0, MAX_WARNINGS),
          ...(workspace.warnings.length > MAX_WARNINGS ? [`… and ${workspace.warnings.length - MAX_WARNINGS} more warnings from reading the manifests.`] : []),
        ];
        return jsonResult(auditAnswer(result, args.max_results ?? DEFAULT_RESULTS, notes));
      }),
  );
}
