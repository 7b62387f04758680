// Builders for evidence-engine tests: tool results in the exact shapes the built-in tools return
// (jsonResult / textResult / errorResult), wrapped as the engine's evidence items.
import { errorResult, jsonResult, textResult } from '../../src/core/builtins/toolResults';
import type { Evidence } from '../../src/core/evidence';

let seq = 0;

export function ev(connector: string, tool: string, args: Record<string, unknown>, value: unknown): Evidence {
  const result = typeof value === 'string' ? textResult(value) : jsonResult(value);
  return { callId: `call_${++seq}`, connector, tool, args, result };
}

export function failed(connector: string, tool: string, message: string): Evidence {
  return { callId: `call_${++seq}`, connector, tool, args: {}, result: errorResult(message) };
}

/** The OSV summary of one record as osv_query returns it (summariseVulnerability's shape). */
export function vuln(id: string, opts: { score?: number; rating?: string; database?: string; fixed?: string[]; withdrawn?: string } = {}) {
  return {
    id,
    url: `https://osv.dev/vulnerability/${id}`,
    summary: `${id} summary`,
    severity: {
      ...(opts.score !== undefined
        ? { cvss: [{ type: 'CVSS_V3', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: opts.score, rating: opts.rating ?? 'critical' }] }
        : {}),
      ...(opts.database ? { database: opts.database } : {}),
    },
    ...(opts.withdrawn ? { withdrawn: opts.withdrawn } : {}),
    affected: [{ package: 'x', ecosystem: 'npm', ranges: ['SEMVER: <9'], fixed: opts.fixed ?? [] }],
  };
}

export function osvQuery(name: string, version: string, vulns: unknown[]): Evidence {
  return ev(
    'supply_chain',
    'osv_query',
    { ecosystem: 'npm', name, version },
    { query: `npm/${name}@${version}`, count: vulns.length, active: vulns.length, vulnerabilities: vulns, sources: [] },
  );
}

/** A healthy repository's evidence, as the github and supply_chain tools answer. */
export function healthyRepo(owner = 'acme', repo = 'widget'): Evidence[] {
  const full = `${owner}/${repo}`;
  const html = `https://github.com/${full}`;
  const checks = ['Dangerous-Workflow', 'Branch-Protection', 'Code-Review', 'Token-Permissions', 'Pinned-Dependencies', 'CI-Tests'].map((name) => ({
    name,
    score: 10,
    reason: 'fine',
  }));
  return [
    ev(
      'github',
      'get_repository',
      { owner, repo },
      { full_name: full, html_url: html, license: 'MIT', archived: false, pushed_at: '2026-12-01T00:00:00Z', days_since_push: 6, sources: [html] },
    ),
    ev(
      'github',
      'get_community_profile',
      { owner, repo },
      {
        repository: full,
        health_percentage: 90,
        files: { security_policy: { present: true, html_url: `${html}/blob/main/SECURITY.md`, determined_by: 'found' } },
        sources: [],
      },
    ),
    ev(
      'github',
      'list_releases',
      { owner, repo },
      { repository: full, count: 12, latest_release: 'v2.0.0', days_since_latest_release: 30, releases: [], sources: [`${html}/releases`] },
    ),
    ev(
      'github',
      'get_commit_activity',
      { owner, repo },
      { repository: full, total_last_52_weeks: 300, total_last_12_weeks: 60, weeks_since_last_commit: 0, sources: [] },
    ),
    ev(
      'github',
      'list_contributors',
      { owner, repo },
      { repository: full, contributors_counted: 40, total_contributions_counted: 900, bus_factor: 4, contributors: [], sources: [] },
    ),
    ev('github', 'list_workflows', { owner, repo }, { repository: full, count: 0, workflows: [], sources: [] }),
    ev(
      'supply_chain',
      'scorecard',
      { owner, repo },
      { repository: `github.com/${full}`, score: 9, checks, url: 'https://scorecard.dev/viewer/?uri=github.com/acme/widget', sources: [] },
    ),
    osvQuery('widget', '2.0.0', []),
  ];
}
