import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../toolResults';
import { explainFailure, isNotFound } from './failures';
import { daysSince } from './summaries';
import { READ_ONLY, repoShape, repoTool, requestOf, type CallExtra, type GitHubToolContext, type RepoRef, webUrlOf } from './toolKit';

/** What a repository is: its metadata, and the community files that signal a maintained project. */

export function registerRepositoryTools(server: McpServer, ctx: GitHubToolContext): void {
  server.registerTool(
    'get_repository',
    {
      title: 'Get repository',
      description:
        "A repository's metadata: description, licence (SPDX id), default branch, archived, fork, created and last-push dates, stars, forks, open issues, topics and its URL. Start an audit here.",
      inputSchema: repoShape,
      annotations: { ...READ_ONLY, title: 'Get repository' },
    },
    async ({ owner, repo }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.repos.get({ owner, repo, ...requestOf(extra) });
        const spdx = data.license?.spdx_id ?? null;
        return jsonResult({
          full_name: data.full_name,
          description: data.description,
          html_url: data.html_url,
          homepage: data.homepage || null,
          license: spdx,
          license_note:
            spdx === null
              ? 'GitHub found no licence file: without one, nobody may legally reuse the code.'
              : spdx === 'NOASSERTION'
                ? 'GitHub found a licence file it could not identify; read it.'
                : undefined,
          default_branch: data.default_branch,
          private: data.private,
          archived: data.archived,
          disabled: data.disabled,
          fork: data.fork,
          forked_from: data.parent?.full_name,
          is_template: data.is_template,
          language: data.language,
          created_at: data.created_at,
          pushed_at: data.pushed_at,
          days_since_push: daysSince(data.pushed_at),
          stargazers_count: data.stargazers_count,
          forks_count: data.forks_count,
          watchers: data.subscribers_count,
          open_issues_count: data.open_issues_count,
          open_issues_note: 'GitHub counts open pull requests as issues here.',
          topics: data.topics ?? [],
          sources: [data.html_url],
        });
      }),
  );

  server.registerTool(
    'get_community_profile',
    {
      title: 'Get community profile',
      description:
        "Which community health files a repository has — README, LICENSE, CONTRIBUTING, CODE_OF_CONDUCT, issue and pull-request templates, SECURITY policy — and GitHub's health percentage.",
      inputSchema: repoShape,
      annotations: { ...READ_ONLY, title: 'Get community profile' },
    },
    async ({ owner, repo }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.repos.getCommunityProfileMetrics({ owner, repo, ...requestOf(extra) });
        const f = data.files;
        const present = (file: { html_url?: string | null } | null) => ({ present: file !== null, html_url: file?.html_url ?? null });
        const security = await findSecurityPolicy(ctx, { owner, repo }, extra);
        const communityUrl = `${webUrlOf(ctx, { owner, repo })}/community`;
        const sources = [communityUrl, ...[f.readme, f.license, f.contributing, f.code_of_conduct_file].map((x) => x?.html_url), security.html_url].filter(
          (u): u is string => typeof u === 'string' && u !== '',
        );
        return jsonResult({
          repository: `${owner}/${repo}`,
          health_percentage: data.health_percentage,
          files: {
            readme: present(f.readme),
            license: { ...present(f.license), spdx_id: f.license?.spdx_id ?? null },
            contributing: present(f.contributing),
            code_of_conduct: {
              present: f.code_of_conduct !== null || f.code_of_conduct_file !== null,
              name: f.code_of_conduct?.name ?? null,
              html_url: f.code_of_conduct_file?.html_url ?? f.code_of_conduct?.html_url ?? null,
            },
            issue_template: present(f.issue_template),
            pull_request_template: present(f.pull_request_template),
            security_policy: security,
          },
          updated_at: data.updated_at,
          sources,
        });
      }),
  );
}

const SECURITY_POLICY_DIRS = ['', '.github', 'docs'];
const SECURITY_POLICY_NAME = /^security\.(md|markdown|txt|rst|adoc)$/i;

/**
 * The community profile API does not report a security policy, so look where GitHub looks for
 * one (the root, .github/, docs/ of the default branch) by listing those folders: a listing
 * matches the name in any letter case, and a folder that is not there is just a 404.
 */
async function findSecurityPolicy(
  ctx: GitHubToolContext,
  ref: RepoRef,
  extra: CallExtra,
): Promise<{ present: boolean | null; html_url: string | null; determined_by: string }> {
  const looked = 'listed the root, .github/ and docs/ of the default branch for SECURITY.md (the community profile API does not report security policies)';
  for (const dir of SECURITY_POLICY_DIRS) {
    try {
      const { data } = await (await ctx.github()).rest.repos.getContent({ ...ref, path: dir, ...requestOf(extra) });
      const match = Array.isArray(data) ? data.find((e) => e.type === 'file' && SECURITY_POLICY_NAME.test(e.name)) : undefined;
      if (match) return { present: true, html_url: match.html_url, determined_by: `found ${match.path}; ${looked}` };
    } catch (err) {
      if (isNotFound(err)) continue;
      const reason = explainFailure(err, { ...ref, signInHint: ctx.signInHint, baseUrl: ctx.baseUrl, timeoutMs: ctx.requestTimeoutMs });
      return { present: null, html_url: null, determined_by: `could not tell: listing ${dir || 'the root'} failed. ${reason}` };
    }
  }
  return { present: false, html_url: null, determined_by: looked };
}
