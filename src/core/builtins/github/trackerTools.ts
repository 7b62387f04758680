import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../toolResults';
import { isNotFound } from './failures';
import { summariseSbom, type SpdxDocument } from './summaries';
import { isoDate, notFoundInRepo, perPageField, READ_ONLY, repoShape, repoTool, requestOf, type GitHubToolContext, webUrlOf } from './toolKit';

/** What people report and fix: issues, pull requests, published advisories, and what ships inside (the SBOM). */

const stateField = z.enum(['open', 'closed', 'all']).optional().describe('open (default), closed or all.');
const MAX_SBOM_PACKAGES = 200;

export function registerTrackerTools(server: McpServer, ctx: GitHubToolContext): void {
  server.registerTool(
    'list_issues',
    {
      title: 'List issues',
      description:
        'Issues (pull requests left out), most recently created first: number, title, state, labels, dates, comment count, URL. Filter by state, labels and date.',
      inputSchema: {
        ...repoShape,
        state: stateField,
        labels: z.array(z.string().min(1).max(100)).max(10).optional().describe('Only issues with all of these labels, e.g. ["bug", "security"].'),
        since: isoDate('Only issues updated after this time'),
        per_page: perPageField(30),
      },
      annotations: { ...READ_ONLY, title: 'List issues' },
    },
    async ({ owner, repo, state, labels, since, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (
          await ctx.github()
        ).rest.issues.listForRepo({
          owner,
          repo,
          state: state ?? 'open',
          labels: labels?.join(','),
          since,
          per_page: per_page ?? 30,
          ...requestOf(extra),
        });
        // The issues API lists pull requests too; they have their own tool.
        const issues = data.filter((i) => !i.pull_request);
        return jsonResult({
          repository: `${owner}/${repo}`,
          state: state ?? 'open',
          count: issues.length,
          pull_requests_left_out: data.length - issues.length,
          issues: issues.map((i) => ({
            number: i.number,
            title: i.title,
            state: i.state,
            labels: i.labels.map((l) => (typeof l === 'string' ? l : l.name)).filter(Boolean),
            author: i.user?.login ?? null,
            comments: i.comments,
            created_at: i.created_at,
            updated_at: i.updated_at,
            closed_at: i.closed_at,
            html_url: i.html_url,
          })),
          sources: [`${webUrlOf(ctx, { owner, repo })}/issues`],
        });
      }),
  );

  server.registerTool(
    'list_pull_requests',
    {
      title: 'List pull requests',
      description: 'Pull requests, most recently created first: number, title, state, draft, author, dates, whether merged, URL.',
      inputSchema: { ...repoShape, state: stateField, per_page: perPageField(30) },
      annotations: { ...READ_ONLY, title: 'List pull requests' },
    },
    async ({ owner, repo, state, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.pulls.list({ owner, repo, state: state ?? 'open', per_page: per_page ?? 30, ...requestOf(extra) });
        return jsonResult({
          repository: `${owner}/${repo}`,
          state: state ?? 'open',
          count: data.length,
          pull_requests: data.map((p) => ({
            number: p.number,
            title: p.title,
            state: p.state,
            draft: p.draft ?? false,
            author: p.user?.login ?? null,
            created_at: p.created_at,
            updated_at: p.updated_at,
            merged_at: p.merged_at,
            html_url: p.html_url,
          })),
          sources: [`${webUrlOf(ctx, { owner, repo })}/pulls`],
        });
      }),
  );

  server.registerTool(
    'list_security_advisories',
    {
      title: 'List security advisories',
      description:
        'Security advisories the maintainers published for this repository: GHSA id, CVE, severity, summary, affected packages with vulnerable and patched versions, URL. Vulnerabilities in its dependencies are not here (see get_sbom).',
      inputSchema: { ...repoShape, per_page: perPageField(30) },
      annotations: { ...READ_ONLY, title: 'List security advisories' },
    },
    async ({ owner, repo, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (
          await ctx.github()
        ).rest.securityAdvisories.listRepositoryAdvisories({ owner, repo, state: 'published', per_page: per_page ?? 30, ...requestOf(extra) });
        const advisories = data.map((a) => ({
          ghsa_id: a.ghsa_id,
          cve_id: a.cve_id,
          severity: a.severity,
          summary: a.summary,
          published_at: a.published_at,
          cvss_score: a.cvss?.score ?? null,
          cwe_ids: a.cwe_ids ?? [],
          vulnerabilities: (a.vulnerabilities ?? []).map((v) => ({
            package: v.package ? `${v.package.ecosystem}:${v.package.name ?? '?'}` : null,
            vulnerable_version_range: v.vulnerable_version_range,
            patched_versions: v.patched_versions,
          })),
          html_url: a.html_url,
        }));
        return jsonResult({
          repository: `${owner}/${repo}`,
          count: advisories.length,
          note:
            advisories.length === 0
              ? 'No published advisories. That is not proof of no vulnerabilities; many projects never publish advisories on GitHub.'
              : undefined,
          advisories,
          sources: [`${webUrlOf(ctx, { owner, repo })}/security/advisories`, ...advisories.map((a) => a.html_url)],
        });
      }),
  );

  server.registerTool(
    'get_sbom',
    {
      title: 'Get SBOM',
      description: `The repository's software bill of materials from GitHub's dependency graph (SPDX): each dependency's name, version, licence and package URL (first ${MAX_SBOM_PACKAGES}), with licence counts.`,
      inputSchema: {
        ...repoShape,
        max_packages: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .optional()
          .describe(`How many packages to list (default ${MAX_SBOM_PACKAGES}); the counts cover all of them.`),
      },
      annotations: { ...READ_ONLY, title: 'Get SBOM' },
    },
    async ({ owner, repo, max_packages }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        let data;
        try {
          data = (await (await ctx.github()).rest.dependencyGraph.exportSbom({ owner, repo, ...requestOf(extra) })).data;
        } catch (err) {
          if (!isNotFound(err)) throw err;
          return notFoundInRepo(
            ctx,
            { owner, repo },
            extra,
            err,
            `${owner}/${repo} has no dependency graph on GitHub (it is turned off, or GitHub found no manifests); read the manifests (package.json, requirements.txt, go.mod, …) with read_file instead.`,
          );
        }
        const doc: SpdxDocument = data.sbom;
        return jsonResult({
          repository: `${owner}/${repo}`,
          ...summariseSbom(doc, max_packages ?? MAX_SBOM_PACKAGES),
          sources: [`${webUrlOf(ctx, { owner, repo })}/network/dependencies`],
        });
      }),
  );
}
