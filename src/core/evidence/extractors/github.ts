import { z } from 'zod';
import type { Signal } from '../signals';
import { extractor, repoSubject, signal } from './extractor';
import { workflowRiskSignals, workflowsSchema } from './workflows';

/**
 * The github connector's summaries → repo.archived, repo.pushed_at, licence.spdx,
 * policy.security, releases.latest, commits.activity, contributors.bus_factor, workflow.risk.
 * Ages come from the tool (days_since_…), which computed them when it answered.
 */

const repository = z.looseObject({
  full_name: z.string(),
  html_url: z.string().optional(),
  license: z.string().nullable().optional(),
  archived: z.boolean(),
  pushed_at: z.string().nullable().optional(),
  days_since_push: z.number().nullable().optional(),
});

export const getRepository = extractor(repository, (data, call) => {
  const subject = repoSubject(data.full_name);
  const url = data.html_url;
  const out: Signal[] = [signal(call, 'repo.archived', subject, data.archived, url)];
  if (data.pushed_at) out.push(signal(call, 'repo.pushed_at', subject, { date: data.pushed_at, daysAgo: data.days_since_push ?? null }, url));
  // NOASSERTION: GitHub saw a licence file it could not name, which is not "no licence".
  if (data.license !== undefined && data.license !== 'NOASSERTION') out.push(signal(call, 'licence.spdx', subject, { spdx: data.license }, url));
  return out;
});

const community = z.looseObject({
  repository: z.string(),
  files: z.looseObject({ security_policy: z.looseObject({ present: z.boolean().nullable(), html_url: z.string().nullable().optional() }) }),
});

export const getCommunityProfile = extractor(community, (data, call) => [
  signal(
    call,
    'policy.security',
    repoSubject(data.repository),
    { present: data.files.security_policy.present },
    data.files.security_policy.html_url ?? undefined,
  ),
]);

const releases = z.looseObject({
  repository: z.string(),
  count: z.number(),
  latest_release: z.string().nullable(),
  days_since_latest_release: z.number().nullable(),
});

export const listReleases = extractor(releases, (data, call) => [
  signal(call, 'releases.latest', repoSubject(data.repository), { tag: data.latest_release, daysAgo: data.days_since_latest_release, count: data.count }),
]);

const activity = z.looseObject({
  repository: z.string(),
  total_last_52_weeks: z.number(),
  total_last_12_weeks: z.number().optional(),
  weeks_since_last_commit: z.number().nullable().optional(),
});

export const getCommitActivity = extractor(activity, (data, call) => [
  signal(call, 'commits.activity', repoSubject(data.repository), {
    last52Weeks: data.total_last_52_weeks,
    last12Weeks: data.total_last_12_weeks ?? 0,
    weeksSinceLast: data.weeks_since_last_commit ?? null,
  }),
]);

const contributors = z.looseObject({ repository: z.string(), contributors_counted: z.number(), bus_factor: z.number().nullable() });

export const listContributors = extractor(contributors, (data, call) => [
  signal(call, 'contributors.bus_factor', repoSubject(data.repository), { busFactor: data.bus_factor, counted: data.contributors_counted }),
]);

export const listWorkflows = extractor(workflowsSchema.extend({ repository: z.string() }), (data, call) =>
  workflowRiskSignals(data.workflows, call, (path) => ({ kind: 'file', id: `${data.repository}/${path}` })),
);
