/**
 * The OpenSSF Scorecard tool: a GitHub repository's published security-posture checks. Scorecard
 * scans a fixed (large) set of projects; most small repositories have no result, which is an
 * absence of evidence, not a finding, and the answer says so.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { guarded, jsonResult, textResult, READ_ONLY_OPEN_WORLD } from '../toolResults';
import type { ApiClient } from './apiClient';

export interface ScorecardCheck {
  name?: string;
  /** 0–10; -1 when the check could not run. */
  score?: number;
  reason?: string;
  details?: string[] | null;
  documentation?: { short?: string; url?: string };
}

export interface ScorecardResult {
  date?: string;
  repo?: { name?: string; commit?: string };
  scorecard?: { version?: string; commit?: string };
  score?: number;
  checks?: ScorecardCheck[];
}

const MAX_DETAILS = 3;
const MAX_DETAIL_CHARS = 200;
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

const READ_ONLY = READ_ONLY_OPEN_WORLD;

export function registerScorecardTool(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'scorecard',
    {
      title: 'OpenSSF Scorecard',
      description:
        "A GitHub repository's published OpenSSF Scorecard: overall score (0–10), date and commit scanned, and each check (Branch-Protection, Code-Review, Dangerous-Workflow, Maintained, Pinned-Dependencies, Security-Policy, Token-Permissions, Vulnerabilities …) with its score, reason and documentation link.",
      inputSchema: {
        owner: z.string().min(1).describe('Repository owner (user or organisation), e.g. ossf.'),
        repo: z.string().min(1).describe('Repository name, e.g. scorecard.'),
      },
      annotations: { title: 'OpenSSF Scorecard', ...READ_ONLY },
    },
    (args, extra) =>
      guarded(async () => {
        const owner = args.owner.trim();
        const repo = args.repo.trim().replace(/\.git$/, '');
        if (!SEGMENT.test(owner) || !SEGMENT.test(repo))
          throw new Error(`"${owner}/${repo}" is not a GitHub owner/repository pair; give them separately, e.g. owner "ossf", repo "scorecard".`);
        const result = await api.get<ScorecardResult>('scorecard', `/projects/github.com/${owner}/${repo}`, extra.signal);
        if (!result) {
          return textResult(
            `No published Scorecard result for ${owner}/${repo} (Scorecard only covers projects it has scanned); judge posture from other evidence.`,
          );
        }
        return jsonResult(summariseScorecard(owner, repo, result));
      }),
  );
}

export function summariseScorecard(owner: string, repo: string, r: ScorecardResult) {
  const viewer = `https://scorecard.dev/viewer/?uri=github.com/${owner}/${repo}`;
  const checks = (r.checks ?? []).map((c) => {
    const inconclusive = typeof c.score !== 'number' || c.score < 0;
    // Details say *what* failed (which workflow, which branch); only imperfect checks need them.
    const details =
      !inconclusive && (c.score ?? 10) < 10
        ? (c.details ?? []).slice(0, MAX_DETAILS).map((d) => (d.length > MAX_DETAIL_CHARS ? `${d.slice(0, MAX_DETAIL_CHARS)}…` : d))
        : [];
    return {
      name: c.name ?? '?',
      score: inconclusive ? 'inconclusive' : c.score,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(details.length ? { details } : {}),
      ...(c.documentation?.url ? { documentation: c.documentation.url } : {}),
    };
  });
  const weakest = checks.filter((c) => typeof c.score === 'number' && c.score < 5).map((c) => c.name);
  return {
    repository: r.repo?.name ?? `github.com/${owner}/${repo}`,
    score: r.score,
    ...(r.date ? { date: r.date } : {}),
    ...(r.repo?.commit ? { commit: r.repo.commit } : {}),
    ...(r.scorecard?.version ? { scorecardVersion: r.scorecard.version } : {}),
    ...(weakest.length ? { below5: weakest } : {}),
    checks,
    url: viewer,
    sources: [viewer],
  };
}
