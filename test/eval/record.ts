/**
 * Records a new eval case from the public services, where a network reaches them:
 *
 *   node --import tsx test/eval/record.ts --package npm:NAME@VERSION --id NAME-VERSION \
 *     --category compromised|vulnerable|abandoned|healthy --expect AVOID|"ADOPT WITH CAUTION"|"SAFE TO ADOPT" \
 *     --why "one sentence" [--critical GHSA-…] [--critical check:malware] [--github-token-env GITHUB_TOKEN]
 *
 * It asks OSV (POST /v1/query for the version, then GET /v1/vulns/{id} for each record), deps.dev
 * (the package and the version), and — when deps.dev links a GitHub repository — GitHub's REST API
 * (repository, weekly commit activity, releases, contributors, community profile) and the Scorecard
 * API, trims each answer to what the tools read, and writes test/eval/cases/<id>/ with case.json,
 * osv.json, depsdev.json, github.json, scorecard.json and a source.md listing every URL it read and
 * when. The expected verdict and the critical findings are a person's judgement: pass them, and
 * write in `--why` why; the script never derives them from the rules it is meant to measure.
 *
 * UNTESTED: written where none of these services could be reached. Read the result before
 * committing it (trim further if a record is long), and run `npm run eval -- --case <id>`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedRepo } from '../fixtures/github/recordedRepo';
import type { RecordedPackage } from '../fixtures/supplyChain/recordedData';
import { CASES_DIR } from './cases';

const OSV = 'https://api.osv.dev';
const DEPS_DEV = 'https://api.deps.dev';
const GITHUB = 'https://api.github.com';
const SCORECARD = 'https://api.securityscorecards.dev';
const OSV_ECOSYSTEM: Record<string, string> = { npm: 'npm', pypi: 'PyPI', go: 'Go', maven: 'Maven', cargo: 'crates.io', nuget: 'NuGet' };

interface Args {
  system: string;
  name: string;
  version: string;
  id: string;
  category: string;
  expect: string;
  why: string;
  critical: string[];
  tokenEnv: string;
}

const read: Array<{ url: string; at: string; status: number }> = [];

async function get(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, { ...init, headers: { accept: 'application/json', 'user-agent': 'connector-auditor-eval-recorder', ...init.headers } });
  read.push({ url, at: new Date().toISOString(), status: response.status });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

function parseArgs(argv: readonly string[]): Args {
  const one = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const all = (flag: string) => argv.flatMap((a, i) => (a === flag && argv[i + 1] ? [argv[i + 1]] : []));
  const spec = one('--package');
  const m = spec ? /^([a-z]+):(.+)@([^@]+)$/.exec(spec) : null;
  const [id, category, expect, why] = [one('--id'), one('--category'), one('--expect'), one('--why')];
  if (!m || !id || !category || !expect || !why) {
    throw new Error('usage: record.ts --package SYSTEM:NAME@VERSION --id ID --category C --expect VERDICT --why TEXT [--critical X]…');
  }
  return {
    system: m[1],
    name: m[2],
    version: m[3],
    id,
    category,
    expect,
    why,
    critical: all('--critical'),
    tokenEnv: one('--github-token-env') ?? 'GITHUB_TOKEN',
  };
}

/** Every OSV record that affects the version, whole (the fake matches versions itself), references cut to four. */
async function recordOsv(a: Args): Promise<unknown[]> {
  const ecosystem = OSV_ECOSYSTEM[a.system] ?? a.system;
  const ids: string[] = [];
  let pageToken: string | undefined;
  do {
    const body = { package: { ecosystem, name: a.name }, version: a.version, ...(pageToken ? { page_token: pageToken } : {}) };
    const page = (await get(`${OSV}/v1/query`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })) as {
      vulns?: Array<{ id: string }>;
      next_page_token?: string;
    };
    ids.push(...(page?.vulns ?? []).map((v) => v.id));
    pageToken = page?.next_page_token;
  } while (pageToken);
  const records: unknown[] = [];
  for (const id of ids) {
    const r = (await get(`${OSV}/v1/vulns/${encodeURIComponent(id)}`)) as Record<string, unknown> | undefined;
    if (r) records.push({ ...r, references: Array.isArray(r['references']) ? r['references'].slice(0, 4) : [] });
  }
  return records;
}

async function recordDepsDev(a: Args): Promise<RecordedPackage | undefined> {
  const base = `${DEPS_DEV}/v3/systems/${a.system}/packages/${encodeURIComponent(a.name)}`;
  const pkg = (await get(base)) as { versions?: Array<{ versionKey: { version: string }; publishedAt?: string; isDefault?: boolean }> } | undefined;
  if (!pkg?.versions) return undefined;
  const dated = pkg.versions.filter((v) => v.publishedAt).sort((x, y) => (y.publishedAt ?? '').localeCompare(x.publishedAt ?? ''));
  const def = pkg.versions.find((v) => v.isDefault)?.versionKey.version ?? a.version;
  // The audited version, the default and the newest are all the tools read.
  const keep = new Set([a.version, def, dated[0]?.versionKey.version].filter((v): v is string => !!v));
  const versions: Record<string, string> = {};
  for (const v of pkg.versions) if (keep.has(v.versionKey.version) && v.publishedAt) versions[v.versionKey.version] = v.publishedAt;
  const ver = (await get(`${base}/versions/${encodeURIComponent(a.version)}`)) as
    | {
        isDeprecated?: boolean;
        deprecatedReason?: string;
        licenses?: string[];
        relatedProjects?: Array<{ projectKey?: { id?: string }; relationType?: string }>;
        attestations?: Array<{ verified?: boolean; sourceRepository?: string }>;
        slsaProvenances?: Array<{ verified?: boolean; sourceRepository?: string }>;
      }
    | undefined;
  const repo = ver?.relatedProjects?.find((p) => p.relationType === 'SOURCE_REPO')?.projectKey?.id;
  const prov = [...(ver?.attestations ?? []), ...(ver?.slsaProvenances ?? [])][0];
  return {
    system: a.system,
    name: a.name,
    versions,
    versionCount: pkg.versions.length,
    defaultVersion: def,
    ...(ver?.licenses?.[0] ? { licence: ver.licenses.join(' AND ') } : {}),
    ...(ver?.isDeprecated ? { deprecated: ver.deprecatedReason ?? 'deprecated' } : {}),
    ...(repo?.startsWith('github.com/') ? { repository: repo } : {}),
    ...(prov ? { provenance: { [a.version]: { verified: prov.verified === true, sourceRepository: prov.sourceRepository ?? '' } } } : {}),
  };
}

async function recordGitHub(fullName: string, token: string | undefined): Promise<RecordedRepo | undefined> {
  const headers: Record<string, string> = { 'x-github-api-version': '2022-11-28', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const api = (path: string) => get(`${GITHUB}/repos/${fullName}${path}`, { headers });
  const r = (await api('')) as Record<string, unknown> | undefined;
  if (!r) return undefined;
  // Statistics answer 202 while GitHub computes them: ask a few times.
  let weeks: Array<{ total: number }> | undefined;
  for (let i = 0; i < 5 && !Array.isArray(weeks); i++) {
    weeks = (await api('/stats/commit_activity')) as Array<{ total: number }> | undefined;
    if (!Array.isArray(weeks)) await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const releases = ((await api('/releases?per_page=30')) as Array<{ tag_name: string; published_at: string; name?: string }> | undefined) ?? [];
  const contributors = ((await api('/contributors?per_page=100')) as Array<{ login: string; contributions: number }> | undefined) ?? [];
  const community = (await api('/community/profile')) as { files?: Record<string, unknown> } | undefined;
  const commits =
    ((await api('/commits?per_page=1')) as
      Array<{ sha: string; commit: { message: string; committer: { date: string } }; author?: { login?: string } }> | undefined) ?? [];
  const licence = r['license'] as { key: string; name: string; spdx_id: string } | null;
  const files: Record<string, string> = {};
  for (const [key, path] of [
    ['readme', 'README.md'],
    ['license', 'LICENSE'],
    ['contributing', 'CONTRIBUTING.md'],
    ['code_of_conduct', 'CODE_OF_CONDUCT.md'],
  ] as const)
    if (community?.files?.[key]) files[path] = `(recorded: GitHub's community profile lists ${path})`;
  // GitHub's profile does not report SECURITY.md; ask for it where GitHub looks.
  for (const path of ['SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md']) if (await api(`/contents/${path}`)) files[path] = `(recorded: ${path} exists)`;
  const head = commits[0];
  return {
    owner: String((r['owner'] as { login: string }).login),
    name: String(r['name']),
    description: (r['description'] as string | null) ?? null,
    license: licence ? { key: licence.key, name: licence.name, spdx_id: licence.spdx_id } : null,
    defaultBranch: String(r['default_branch']),
    language: (r['language'] as string | null) ?? null,
    created: String(r['created_at']),
    pushed: String(r['pushed_at']),
    archived: r['archived'] === true,
    stars: Number(r['stargazers_count'] ?? 0),
    forks: Number(r['forks_count'] ?? 0),
    weeklyCommits: Array.isArray(weeks) && weeks.length === 52 ? weeks.map((w) => w.total) : new Array<number>(52).fill(0),
    releases: releases.map((x) => ({ tag: x.tag_name, date: x.published_at, ...(x.name ? { name: x.name } : {}) })),
    contributors: contributors.map((c) => ({ login: c.login, contributions: c.contributions })),
    headCommit: head
      ? { sha: head.sha, message: head.commit.message.split('\n')[0], date: head.commit.committer.date, author: head.author?.login ?? 'unknown' }
      : { sha: '', message: '', date: String(r['pushed_at']), author: 'unknown' },
    files,
  };
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2));
  const recordedAt = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const osv = await recordOsv(a);
  const pkg = await recordDepsDev(a);
  const repo = pkg?.repository ? await recordGitHub(pkg.repository.replace(/^github\.com\//, ''), process.env[a.tokenEnv]) : undefined;
  const scorecard = pkg?.repository ? await get(`${SCORECARD}/projects/${pkg.repository}`) : undefined;

  const dir = join(CASES_DIR, a.id);
  mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) => writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  write('case.json', {
    id: a.id,
    title: `${a.name}@${a.version}`,
    category: a.category,
    target: `${a.system === 'npm' ? '' : `${a.system}:`}${a.name}@${a.version}`,
    recordedAt,
    expected: { verdict: a.expect, critical: a.critical },
    why: a.why,
  });
  write('osv.json', { records: osv });
  if (pkg) write('depsdev.json', { packages: [pkg] });
  if (repo) write('github.json', { repos: [repo] });
  if (scorecard && pkg?.repository) write('scorecard.json', { projects: { [pkg.repository.toLowerCase()]: scorecard } });
  const lines = [
    `# ${a.name}@${a.version}`,
    '',
    `Recorded as of ${recordedAt} by test/eval/record.ts (the case replays at that time).`,
    '',
    '## Read',
    '',
    ...read.map((r) => `- ${r.at} ${r.url} → HTTP ${r.status}`),
    '',
    '## Expected verdict',
    '',
    `${a.expect}: ${a.why}`,
  ];
  writeFileSync(join(dir, 'source.md'), `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${dir} (${osv.length} OSV record(s)${pkg ? ', deps.dev' : ''}${repo ? ', GitHub' : ''}${scorecard ? ', Scorecard' : ''})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`record: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
