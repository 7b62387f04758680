import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { GITHUB_TOOL_NAMES } from '../../src/core/builtins/github/githubServer';
import { startGitHubFixture, type GitHubFixture } from '../fixtures/github/server';
import { ASSETS_GENERATED_FILES } from '../fixtures/github/otherRepos';
import {
  connectGitHub as connect,
  SIGN_IN_HINT,
  type ActivityResult,
  type AdvisoriesResult,
  type CommitsResult,
  type CommunityResult,
  type ContributorsResult,
  type FileResult,
  type FilesResult,
  type IssuesResult,
  type PullsResult,
  type ReleasesResult,
  type RepositoryResult,
  type SbomResult,
  type SearchResult,
  type TagsResult,
  type WorkflowsResult,
} from '../fixtures/github/connect';

/** Every tool's happy path (and the obvious unhappy one) against the GitHub fixture, through the real Octokit. */

describe('github connector: tools against the fixture', () => {
  let fixture: GitHubFixture;
  let anon: Awaited<ReturnType<typeof connect>>;
  let signedIn: Awaited<ReturnType<typeof connect>>;
  const widget = { owner: 'acme', repo: 'widget' };
  const assets = { owner: 'acme', repo: 'assets' };

  before(async () => {
    fixture = await startGitHubFixture({ rateLimits: { anonymous: 1000 } });
    anon = await connect(fixture);
    signedIn = await connect(fixture, { tokenValue: 'ghp_fixture' });
  });
  after(async () => {
    await anon.close();
    await signedIn.close();
    await fixture.close();
  });

  it('lists every tool, read-only ones marked read-only, write ones destructive, every argument described', async () => {
    const { tools } = await anon.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      [...GITHUB_TOOL_NAMES],
    );
    for (const tool of tools) {
      const write = ['create_issue', 'add_issue_comment', 'create_or_update_file', 'delete_file'].includes(tool.name);
      assert.equal(tool.annotations?.readOnlyHint, !write, tool.name);
      assert.equal(tool.annotations?.openWorldHint, true, tool.name);
      if (write) assert.equal(tool.annotations?.destructiveHint, true, tool.name);
      assert.ok(tool.title, `${tool.name} has a title`);
      for (const [field, schema] of Object.entries(tool.inputSchema.properties ?? {})) {
        assert.ok((schema as { description?: string }).description, `${tool.name}.${field} is described`);
      }
    }
  });

  it('get_repository: licence, default branch, dates, counts and the URL to cite', async () => {
    const r = await anon.json<RepositoryResult>('get_repository', widget);
    assert.equal(r.full_name, 'acme/widget');
    assert.equal(r.license, 'MIT');
    assert.equal(r.default_branch, 'main');
    assert.equal(r.archived, false);
    assert.equal(r.fork, false);
    assert.equal(r.stargazers_count, 4821);
    assert.equal(r.days_since_push, 2);
    assert.deepEqual(r.topics, ['nodejs', 'ui', 'widgets']);
    assert.deepEqual(r.sources, ['https://github.com/acme/widget']);
    const a = await anon.json<RepositoryResult>('get_repository', assets);
    assert.equal(a.license, null);
    assert.match(a.license_note, /no licence/);
    assert.equal(a.archived, true);
  });

  it('get_community_profile: files present, and the security policy found under .github/', async () => {
    const p = await anon.json<CommunityResult>('get_community_profile', widget);
    assert.equal(p.files.readme.present, true);
    assert.equal(p.files.license.spdx_id, 'MIT');
    assert.equal(p.files.contributing.present, true);
    assert.equal(p.files.code_of_conduct.present, true);
    assert.equal(p.files.pull_request_template.present, false);
    assert.equal(p.files.security_policy.present, true);
    assert.equal(p.files.security_policy.html_url, 'https://github.com/acme/widget/blob/main/.github/SECURITY.md');
    assert.match(p.files.security_policy.determined_by, /found \.github\/SECURITY\.md/);
    assert.ok(p.health_percentage > 70);
    // Links the API does not hand out are derived from the API base (an Enterprise host minus /api/v3; here the fixture).
    assert.ok(p.sources.includes(`${fixture.url}/acme/widget/community`), p.sources.join(' '));
    const a = await anon.json<CommunityResult>('get_community_profile', assets);
    assert.equal(a.files.security_policy.present, false);
    assert.match(a.files.security_policy.determined_by, /does not report security policies/);
    assert.equal(a.files.license.present, false);
  });

  it("list_files: the tree with sizes; capped at 1000 with a note, and GitHub's own truncation said", async () => {
    const w = await anon.json<FilesResult>('list_files', widget);
    assert.equal(w.ref, 'main');
    assert.equal(w.truncated, false);
    assert.ok(w.entries.includes('.github/workflows/'));
    assert.ok(
      w.entries.some((e) => /^\.github\/workflows\/label-pr\.yml \(\d+ bytes\)$/.test(e)),
      w.entries.join('\n'),
    );
    const scoped = await anon.json<FilesResult>('list_files', { ...widget, path_prefix: 'src/' });
    assert.deepEqual(
      scoped.entries.map((e) => e.split(' ')[0]),
      ['src/index.js', 'src/merge.js'],
    );
    const a = await anon.json<FilesResult>('list_files', assets);
    assert.equal(a.ref, 'master');
    assert.equal(a.entries.length, 1000);
    assert.equal(a.truncated, true);
    assert.ok(a.total_entries < ASSETS_GENERATED_FILES + 10, 'GitHub truncated the tree before the cap');
    assert.match(a.notes.join(' '), /GitHub truncated this tree/);
    assert.match(a.notes.join(' '), /first 1000/);
    assert.match(await anon.failure('list_files', { ...widget, ref: 'no-such-branch' }), /No branch, tag or commit "no-such-branch" in acme\/widget/);
  });

  it('read_file: text with its sha and URL; a missing path; binary; too large (with the size)', async () => {
    const pkg = await anon.json<FileResult>('read_file', { ...widget, path: 'package.json' });
    assert.equal(JSON.parse(pkg.content).name, '@acme/widget');
    assert.match(pkg.sha, /^[0-9a-f]{40}$/);
    assert.deepEqual(pkg.sources, ['https://github.com/acme/widget/blob/main/package.json']);
    const tagged = await anon.json<FileResult>('read_file', { ...widget, path: 'src/merge.js', ref: 'v2.3.1' });
    assert.match(tagged.content, /__proto__/);
    assert.match(await anon.failure('read_file', { ...widget, path: 'nope.txt' }), /No file nope\.txt in acme\/widget/);
    const logo = await anon.json<FileResult>('read_file', { ...assets, path: 'logo.png' });
    assert.equal(logo.binary, true);
    assert.equal(logo.content, undefined);
    assert.match(logo.note, /NUL bytes/);
    const latin1 = await anon.json<FileResult>('read_file', { ...assets, path: 'data/latin1.txt' });
    assert.match(latin1.note, /not valid UTF-8/);
    assert.match(await anon.failure('read_file', { ...assets, path: 'data/huge.csv' }), /data\/huge\.csv is 5\.0 MB, more than the 200 KB read_file reads/);
    assert.match(await anon.failure('read_file', { ...assets, path: 'data/medium.json' }), /is 300 KB/);
    const folder = await anon.json<FileResult>('read_file', { ...widget, path: 'src' });
    assert.equal(folder.type, 'folder');
    assert.deepEqual(folder.entries, ['src/index.js', 'src/merge.js']);
  });

  it('search_code: matching files and lines when signed in; a sign-in hint when not', async () => {
    const s = await signedIn.json<SearchResult>('search_code', { ...widget, query: '__proto__' });
    assert.equal(s.query, '__proto__ repo:acme/widget');
    assert.deepEqual(
      s.items.map((i) => i.path),
      ['src/merge.js'],
    );
    assert.match(s.items[0].fragments[0], /__proto__/);
    assert.match(s.items[0].html_url, /^https:\/\/github\.com\/acme\/widget\/blob\//);
    assert.match(await anon.failure('search_code', { ...widget, query: 'merge' }), new RegExp(`needs a signed-in user.*${SIGN_IN_HINT.replace('.', '\\.')}`));
    assert.match(await signedIn.failure('search_code', { ...widget, query: 'x repo:other/repo' }), /leave repo:, org: and user: out/);
  });

  it('list_commits: newest first, filtered by path and date, with verification and URLs', async () => {
    const all = await anon.json<CommitsResult>('list_commits', widget);
    assert.equal(all.count, 8);
    assert.equal(all.newest_days_ago, 2);
    assert.equal(all.commits[0].message, 'Release 2.3.1');
    assert.equal(all.commits[3].verified, false);
    assert.equal(all.commits[6].author, 'Anonymous Contributor');
    const pkg = await anon.json<CommitsResult>('list_commits', { ...widget, path: 'package.json' });
    assert.deepEqual(
      pkg.commits.map((c) => c.message),
      ['Release 2.3.1', 'Bump minimist from 1.2.7 to 1.2.8', 'Release 2.3.0'],
    );
    const since = new Date(Date.now() - 10 * 86_400_000).toISOString();
    assert.equal((await anon.json<CommitsResult>('list_commits', { ...widget, since })).count, 3);
    assert.equal((await anon.json<CommitsResult>('list_commits', { ...widget, per_page: 2 })).count, 2);
    assert.match(pkg.commits[0].html_url, /^https:\/\/github\.com\/acme\/widget\/commit\/[0-9a-f]{40}$/);
  });

  it('get_commit_activity: retried past the 202 "computing" answer, then summarised', async () => {
    const before = fixture.requests.length;
    const w = await anon.json<ActivityResult>('get_commit_activity', widget);
    const statuses = fixture.requests
      .slice(before)
      .filter((r) => r.path.endsWith('/stats/commit_activity'))
      .map((r) => r.status);
    assert.deepEqual(statuses, [202, 200]);
    assert.equal(w.weekly_totals.length, 52);
    assert.equal(w.weeks_since_last_commit, 0);
    assert.ok(w.total_last_12_weeks > 0 && w.total_last_12_weeks < w.total_last_52_weeks);
    assert.deepEqual(w.sources, [`${fixture.url}/acme/widget/graphs/commit-activity`]);
    const a = await anon.json<ActivityResult>('get_commit_activity', assets);
    assert.equal(a.weeks_since_last_commit, 21);
    assert.equal(a.total_last_52_weeks, 4);
    assert.equal(a.total_last_12_weeks, 0);
  });

  it('list_releases and list_tags: the latest stable release and how old it is', async () => {
    const r = await anon.json<ReleasesResult>('list_releases', widget);
    assert.equal(r.count, 4);
    assert.equal(r.latest_release, 'v2.3.1');
    assert.equal(r.days_since_latest_release, 2);
    assert.ok(r.sources.includes('https://github.com/acme/widget/releases/tag/v2.3.1'));
    assert.equal((await anon.json<ReleasesResult>('list_releases', assets)).count, 0);
    const t = await anon.json<TagsResult>('list_tags', widget);
    assert.deepEqual(
      t.tags.map((x) => x.name),
      ['v2.4.0-beta.1', 'v2.3.1', 'v2.3.0', 'v2.2.0', 'v1.9.9'],
    );
    assert.match(t.tags[0].commit_sha, /^[0-9a-f]{40}$/);
  });

  it('list_contributors: ranked, bots left out of a bus factor of 1', async () => {
    const c = await anon.json<ContributorsResult>('list_contributors', widget);
    assert.equal(c.contributors[0].login, 'alice');
    assert.equal(c.contributors_counted, 6);
    assert.equal(c.bus_factor, 1);
    assert.match(c.bus_factor_note, /5 human contributors/);
    assert.equal((await anon.json<ContributorsResult>('list_contributors', { ...widget, per_page: 2 })).contributors.length, 2);
  });

  it('list_issues leaves pull requests out; list_pull_requests lists them', async () => {
    const open = await anon.json<IssuesResult>('list_issues', widget);
    assert.deepEqual(
      open.issues.map((i) => i.number),
      [58, 55, 52],
    );
    assert.equal(open.pull_requests_left_out, 1);
    const bugs = await anon.json<IssuesResult>('list_issues', { ...widget, state: 'all', labels: ['bug'] });
    assert.deepEqual(
      bugs.issues.map((i) => i.number),
      [55, 41],
    );
    assert.deepEqual(bugs.issues[1].labels, ['bug', 'security']);
    const prs = await anon.json<PullsResult>('list_pull_requests', { ...widget, state: 'all' });
    assert.deepEqual(
      prs.pull_requests.map((p) => [p.number, p.draft, Boolean(p.merged_at)]),
      [
        [57, false, true],
        [56, true, false],
      ],
    );
  });

  it('list_security_advisories: the published advisory with its CVE and ranges', async () => {
    const a = await anon.json<AdvisoriesResult>('list_security_advisories', widget);
    assert.equal(a.count, 1);
    const [adv] = a.advisories;
    assert.equal(adv.ghsa_id, 'GHSA-4w2v-q235-vp99');
    assert.equal(adv.cve_id, 'CVE-2025-31337');
    assert.equal(adv.severity, 'high');
    assert.deepEqual(adv.vulnerabilities, [{ package: 'npm:@acme/widget', vulnerable_version_range: '< 2.3.1', patched_versions: '2.3.1' }]);
    assert.ok(a.sources.includes('https://github.com/acme/widget/security/advisories/GHSA-4w2v-q235-vp99'));
    assert.equal((await signedIn.json<AdvisoriesResult>('list_security_advisories', widget)).count, 1, 'drafts are not listed even to maintainers');
    assert.match((await anon.json<AdvisoriesResult>('list_security_advisories', assets)).note, /not proof/);
  });

  it('get_sbom: dependencies with licences and purls, the repository itself left out; none → a clear error', async () => {
    const s = await anon.json<SbomResult>('get_sbom', widget);
    assert.equal(s.total_packages, 6);
    assert.equal(s.packages[0].name, 'npm:lodash');
    assert.equal(s.packages[0].purl, 'pkg:npm/lodash@4.17.21');
    assert.deepEqual(s.licenses, { MIT: 4, WTFPL: 1, unknown: 1 });
    assert.equal((await anon.json<SbomResult>('get_sbom', { ...widget, max_packages: 2 })).packages.length, 2);
    assert.match(await anon.failure('get_sbom', assets), /acme\/assets has no dependency graph/);
  });

  it('list_workflows: the YAML with signals (pull_request_target, unpinned actions, write-all)', async () => {
    const w = await anon.json<WorkflowsResult>('list_workflows', widget);
    assert.equal(w.count, 2);
    const byPath = (path: string) => w.workflows.find((x) => x.path === path) ?? assert.fail(`no ${path}`);
    const label = byPath('.github/workflows/label-pr.yml');
    assert.match(label.content, /pull_request_target/);
    assert.equal(label.signals.pull_request_target, true);
    assert.equal(label.signals.checks_out_pull_request_head, true);
    assert.equal(label.signals.write_all_permissions, true);
    assert.deepEqual(label.signals.unpinned_actions, ['actions/checkout@v4']);
    assert.deepEqual(label.signals.secrets, ['GITHUB_TOKEN', 'NPM_TOKEN']);
    const ci = byPath('.github/workflows/ci.yml');
    assert.equal(ci.signals.pull_request_target, false);
    assert.equal(ci.signals.pinned_actions, 1);
    assert.deepEqual(ci.signals.unpinned_actions, ['actions/setup-node@v4']);
    assert.ok(w.sources.includes('https://github.com/acme/widget/blob/main/.github/workflows/label-pr.yml'));
    const none = await anon.json<WorkflowsResult>('list_workflows', assets);
    assert.deepEqual(none.workflows, []);
    assert.match(none.note, /runs no GitHub Actions workflows/);
  });
});
