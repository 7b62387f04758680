import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { errorResult, jsonResult } from '../toolResults';
import { busFactor, daysSince, summariseCommitActivity, type WeekActivity } from './summaries';
import { isoDate, perPageField, READ_ONLY, repoShape, repoTool, requestOf, sleep, type GitHubToolContext, webUrlOf } from './toolKit';

/** How alive a project is and who carries it: commits, weekly activity, releases, tags, contributors. */

const STATS_POLLS = 5;

export function registerHistoryTools(server: McpServer, ctx: GitHubToolContext): void {
  server.registerTool(
    'list_commits',
    {
      title: 'List commits',
      description:
        'Recent commits, newest first: SHA, date, author, first line of the message, whether GitHub verified the signature, and the URL. Filter by date, path or branch.',
      inputSchema: {
        ...repoShape,
        since: isoDate('Only commits after this time'),
        path: z.string().max(1000).optional().describe('Only commits that touch this file or folder, e.g. "package.json".'),
        sha: z.string().max(255).optional().describe('Branch, tag or commit SHA to start from. Default: the default branch.'),
        per_page: perPageField(30),
      },
      annotations: { ...READ_ONLY, title: 'List commits' },
    },
    async ({ owner, repo, since, path, sha, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.repos.listCommits({ owner, repo, since, path, sha, per_page: per_page ?? 30, ...requestOf(extra) });
        const commits = data.map((c) => ({
          sha: c.sha,
          date: c.commit.author?.date ?? c.commit.committer?.date ?? null,
          author: c.author?.login ?? c.commit.author?.name ?? null,
          message: (c.commit.message.split('\n')[0] ?? '').slice(0, 200),
          verified: c.commit.verification?.verified ?? null,
          html_url: c.html_url,
        }));
        return jsonResult({
          repository: `${owner}/${repo}`,
          count: commits.length,
          newest_days_ago: daysSince(commits[0]?.date),
          commits,
          sources: [`${webUrlOf(ctx, { owner, repo })}/commits${sha ? `/${encodeURIComponent(sha)}` : ''}`, ...commits.slice(0, 5).map((c) => c.html_url)],
        });
      }),
  );

  server.registerTool(
    'get_commit_activity',
    {
      title: 'Get commit activity',
      description:
        'Weekly commit counts of the last year on the default branch, summarised: total of 52 weeks, total of the last 12, weeks since the last commit.',
      inputSchema: repoShape,
      annotations: { ...READ_ONLY, title: 'Get commit activity' },
    },
    async ({ owner, repo }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        // GitHub computes statistics on demand and answers 202 until they are ready.
        for (let poll = 1; poll <= STATS_POLLS; poll++) {
          const response = await (await ctx.github()).rest.repos.getCommitActivityStats({ owner, repo, ...requestOf(extra) });
          if (response.status === 200 && Array.isArray(response.data)) {
            const weeks: WeekActivity[] = response.data;
            return jsonResult({
              repository: `${owner}/${repo}`,
              ...summariseCommitActivity(weeks),
              sources: [`${webUrlOf(ctx, { owner, repo })}/graphs/commit-activity`],
            });
          }
          // 204 is not in Octokit's type for this endpoint, but GitHub sends it for an empty repository.
          if ((response.status as number) === 204) {
            return jsonResult({
              repository: `${owner}/${repo}`,
              note: 'The repository is empty: no commits.',
              total_last_52_weeks: 0,
              sources: [webUrlOf(ctx, { owner, repo })],
            });
          }
          if (poll < STATS_POLLS) await sleep(ctx.statsRetryDelayMs, extra.signal);
        }
        return errorResult(
          `GitHub is still computing the commit statistics of ${owner}/${repo} (it answered 202 ${STATS_POLLS} times); try again in a minute, or use list_commits meanwhile.`,
        );
      }),
  );

  server.registerTool(
    'list_releases',
    {
      title: 'List releases',
      description: 'Published releases, newest first: tag, name, date, pre-release or draft, URL; with the days since the latest release.',
      inputSchema: { ...repoShape, per_page: perPageField(20) },
      annotations: { ...READ_ONLY, title: 'List releases' },
    },
    async ({ owner, repo, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.repos.listReleases({ owner, repo, per_page: per_page ?? 20, ...requestOf(extra) });
        const releases = data.map((r) => ({
          tag_name: r.tag_name,
          name: r.name,
          published_at: r.published_at,
          prerelease: r.prerelease,
          draft: r.draft,
          author: r.author?.login ?? null,
          assets: r.assets.length,
          html_url: r.html_url,
        }));
        const latest = releases.find((r) => !r.draft && !r.prerelease);
        return jsonResult({
          repository: `${owner}/${repo}`,
          count: releases.length,
          latest_release: latest?.tag_name ?? null,
          days_since_latest_release: daysSince(latest?.published_at),
          note: releases.length === 0 ? 'No GitHub releases; the project may publish through tags (list_tags) or a package registry only.' : undefined,
          releases,
          sources: [`${webUrlOf(ctx, { owner, repo })}/releases`, ...(latest ? [latest.html_url] : [])],
        });
      }),
  );

  server.registerTool(
    'list_tags',
    {
      title: 'List tags',
      description: 'Git tags, most recent first as GitHub orders them, with the commit each points to.',
      inputSchema: { ...repoShape, per_page: perPageField(30) },
      annotations: { ...READ_ONLY, title: 'List tags' },
    },
    async ({ owner, repo, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        const { data } = await (await ctx.github()).rest.repos.listTags({ owner, repo, per_page: per_page ?? 30, ...requestOf(extra) });
        const web = webUrlOf(ctx, { owner, repo });
        return jsonResult({
          repository: `${owner}/${repo}`,
          count: data.length,
          tags: data.map((t) => ({ name: t.name, commit_sha: t.commit.sha, html_url: `${web}/tree/${encodeURIComponent(t.name)}` })),
          sources: [`${web}/tags`],
        });
      }),
  );

  server.registerTool(
    'list_contributors',
    {
      title: 'List contributors',
      description:
        'Contributors by number of commits, with a bus-factor estimate: the smallest number of people who made half of the contributions (1 means one person carries the project).',
      inputSchema: { ...repoShape, per_page: perPageField(30) },
      annotations: { ...READ_ONLY, title: 'List contributors' },
    },
    async ({ owner, repo, per_page }, extra) =>
      repoTool(ctx, { owner, repo }, async () => {
        // Always the first 100 (one request), so the estimate does not depend on how many are shown.
        const response = await (await ctx.github()).rest.repos.listContributors({ owner, repo, per_page: 100, ...requestOf(extra) });
        const data = Array.isArray(response.data) ? response.data : [];
        const contributors = data.map((c) => ({
          login: c.login ?? c.name ?? '(anonymous)',
          type: c.type,
          contributions: c.contributions,
          html_url: c.html_url ?? null,
        }));
        const humans = contributors.filter((c) => c.type !== 'Bot' && !c.login.endsWith('[bot]'));
        const factor = busFactor(humans.map((c) => c.contributions));
        return jsonResult({
          repository: `${owner}/${repo}`,
          contributors_counted: contributors.length,
          total_contributions_counted: contributors.reduce((s, c) => s + c.contributions, 0),
          bus_factor: factor ?? null,
          bus_factor_note: `Over the ${humans.length} human contributors among the first ${contributors.length} GitHub lists (bots left out)${data.length === 100 ? '; more exist, so this may understate it slightly' : ''}.`,
          contributors: contributors.slice(0, per_page ?? 30),
          sources: [`${webUrlOf(ctx, { owner, repo })}/graphs/contributors`],
        });
      }),
  );
}
