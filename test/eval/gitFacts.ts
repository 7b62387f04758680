/**
 * GitHub facts a case needs, derived offline from a git clone of the repository as it stood at
 * the recording time: the newest commit (GitHub's pushed_at is at least that late), weekly commit
 * totals for the 52 weeks up to the recording, contributors by commit count, releases (tags and
 * their dates), the licence and which community files exist. What a clone cannot know — stars,
 * whether the repository is archived — comes from the command line and the case's source.md.
 *
 *   node --import tsx test/eval/gitFacts.ts --git-dir DIR --owner O --name N --at 2025-09-01T12:00:00Z \
 *     [--archived] [--description TEXT] [--language JavaScript] > github-repo.json
 *
 * Used for the express, zod and request cases (see their source.md); record.ts asks GitHub's API
 * instead where a network is available.
 */
import { execFileSync } from 'node:child_process';
import type { RecordedRepo } from '../fixtures/github/recordedRepo';

const DAY = 86_400_000;

export function gitFacts(
  gitDir: string,
  at: string,
  meta: { owner: string; name: string; archived: boolean; description: string | null; language: string | null },
): RecordedRepo {
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const branch = git('rev-parse', '--abbrev-ref', 'HEAD').trim();
  const head = git('rev-list', '-1', `--before=${at}`, 'HEAD').trim();
  const [sha, date, author, ...message] = git('log', '-1', '--format=%H%n%cI%n%an%n%s', head).trim().split('\n');
  const first = git('log', '--reverse', '--format=%cI', head).split('\n')[0];

  // Weeks as GitHub's stats/commit_activity counts them: Sunday to Saturday (UTC), the last being the current one.
  const now = Date.parse(at);
  const today = new Date(now);
  const sunday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - today.getUTCDay());
  const weeks = new Array<number>(52).fill(0);
  for (const line of git('log', '--format=%at', `--since=${new Date(sunday - 51 * 7 * DAY).toISOString()}`, head).split('\n')) {
    const t = Number(line) * 1000;
    if (!line || t > now) continue;
    const [y, m, d] = utcDay(t);
    const weekStart = Date.UTC(y, m, d - new Date(t).getUTCDay());
    const weekIndex = 51 - Math.round((sunday - weekStart) / (7 * DAY));
    if (weekIndex >= 0) weeks[weekIndex]++;
  }

  const byAuthor = new Map<string, number>();
  for (const name of git('log', '--format=%an', head).split('\n').filter(Boolean)) byAuthor.set(name, (byAuthor.get(name) ?? 0) + 1);
  const contributors = [...byAuthor.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 100)
    .map(([login, contributions]) => ({ login, contributions }));

  const releases = git('for-each-ref', '--sort=-creatordate', '--format=%(refname:short) %(creatordate:iso-strict)', 'refs/tags')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [tag, d] = l.split(' ');
      return { tag, date: new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    })
    .filter((r) => Date.parse(r.date) <= now)
    .slice(0, 30);

  const tree = git('ls-tree', '-r', '--name-only', head).split('\n');
  const licenceText = tree.includes('LICENSE') ? git('show', `${head}:LICENSE`) : '';
  const license = /Apache License/.test(licenceText)
    ? { key: 'apache-2.0', name: 'Apache License 2.0', spdx_id: 'Apache-2.0' }
    : /MIT License|Permission is hereby granted, free of charge/.test(licenceText)
      ? { key: 'mit', name: 'MIT License', spdx_id: 'MIT' }
      : null;
  const community = ['README.md', 'Readme.md', 'LICENSE', 'CONTRIBUTING.md', 'SECURITY.md', '.github/SECURITY.md', 'docs/SECURITY.md', 'CODE_OF_CONDUCT.md'];
  const files: Record<string, string> = {};
  for (const f of community) if (tree.includes(f)) files[f] = `(recorded: ${f} exists at ${sha.slice(0, 12)})`;

  return {
    owner: meta.owner,
    name: meta.name,
    description: meta.description,
    license,
    defaultBranch: branch,
    language: meta.language,
    created: iso(first),
    pushed: iso(date),
    archived: meta.archived,
    weeklyCommits: weeks,
    releases,
    contributors,
    headCommit: { sha, message: message.join(' '), date: iso(date), author },
    files,
  };
}

function utcDay(t: number): [number, number, number] {
  const d = new Date(t);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}

function iso(text: string): string {
  return new Date(text).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const gitDir = arg('git-dir');
  const at = arg('at');
  const owner = arg('owner');
  const name = arg('name');
  if (!gitDir || !at || !owner || !name) {
    process.stderr.write('usage: gitFacts.ts --git-dir DIR --owner O --name N --at ISO [--archived] [--description TEXT] [--language L]\n');
    process.exit(2);
  }
  const facts = gitFacts(gitDir, at, {
    owner,
    name,
    archived: process.argv.includes('--archived'),
    description: arg('description') ?? null,
    language: arg('language') ?? null,
  });
  process.stdout.write(`${JSON.stringify(facts, null, 2)}\n`);
}
