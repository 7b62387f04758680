import { z } from 'zod';
import { extractor, repoSubject, signal } from './extractor';

/**
 * scorecard (supply_chain) → one scorecard.check per check. An inconclusive check (Scorecard's
 * -1, shown as "inconclusive") is kept with a null score: it is missing evidence, not a zero.
 */

const scorecardResult = z.looseObject({
  repository: z.string(),
  url: z.string().optional(),
  checks: z.array(
    z.looseObject({
      name: z.string(),
      score: z.union([z.number(), z.string()]),
      reason: z.string().optional(),
      documentation: z.string().optional(),
    }),
  ),
});

export const scorecard = extractor(scorecardResult, (data, call) => {
  const subject = repoSubject(data.repository);
  return data.checks.map((c) =>
    signal(
      call,
      'scorecard.check',
      subject,
      { name: c.name, score: typeof c.score === 'number' && c.score >= 0 ? c.score : null, ...(c.reason ? { reason: c.reason } : {}) },
      data.url ?? c.documentation,
    ),
  );
});
