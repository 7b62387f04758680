import { z } from 'zod';
import { parseLocation, type EvidenceNote, type Extraction, type Signal, type VulnSeverity } from '../signals';
import { extractor, note, packageSubject, signal, type CallInfo } from './extractor';

/**
 * audit_dependencies (supply_chain) → one vuln.checked for the whole tree (its counts are never
 * capped), and vuln.known / vuln.malware per listed package, located at its manifest or lockfile
 * line so a report links there and SARIF points at it. The answer lists the worst packages first;
 * when it had to cut the list it says so, and that note is kept.
 */

const advisory = z.looseObject({ id: z.string(), url: z.string(), summary: z.string().optional() });
const where = {
  package: z.string(),
  ecosystem: z.string(),
  direct: z.boolean().optional(),
  via: z.array(z.string()).optional(),
  manifest: z.string(),
};
const answerSchema = z.looseObject({
  totals: z.looseObject({ packages: z.number(), unversioned: z.number().optional(), vulnerablePackages: z.number(), malwarePackages: z.number() }),
  malware: z.array(z.looseObject({ ...where, advisories: z.array(advisory) })).default([]),
  vulnerable: z
    .array(
      z.looseObject({
        ...where,
        vulnerabilities: z.array(
          advisory.extend({ severity: z.string(), cvss: z.string().optional(), fixed: z.string().optional(), aliases: z.array(z.string()).optional() }),
        ),
      }),
    )
    .default([]),
  notes: z.array(z.string()).optional(),
});

const SEVERITIES: readonly VulnSeverity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

/** Notes that mean part of the tree went unchecked against OSV (a failed or rate-limited batch); deps.dev gaps are not that. */
const isGap = (note: string) => /\bOSV/i.test(note) && /not checked|unanswered|could not be checked|rate.?limit|timed? ?out/i.test(note);

const readAnswer = extractor(answerSchema, (data, call) => {
  const signals: Signal[] = [];
  const { packages } = data.totals;
  const gaps = (data.notes ?? []).filter(isGap);
  // "Checked" only when OSV answered for the tree: nothing to check, or a batch that failed, is no pass.
  if (packages > 0 && !gaps.length)
    signals.push(
      signal(
        call,
        'vuln.checked',
        { kind: 'package', id: `${packages} dependencies` },
        { query: 'audit_dependencies', active: data.totals.vulnerablePackages + data.totals.malwarePackages, versioned: true },
      ),
    );
  for (const p of data.malware) {
    const subject = subjectOf(p);
    for (const a of p.advisories)
      signals.push(signal(call, 'vuln.malware', subject, { advisory: a.id, url: a.url, ...(a.summary ? { summary: a.summary } : {}) }, a.url));
  }
  for (const p of data.vulnerable) {
    const subject = subjectOf(p);
    for (const v of p.vulnerabilities) {
      const score = v.cvss ? Number.parseFloat(v.cvss) : undefined;
      signals.push(
        signal(
          call,
          'vuln.known',
          subject,
          {
            advisory: v.id,
            url: v.url,
            ...(v.summary ? { summary: v.summary } : {}),
            severity: (SEVERITIES as readonly string[]).includes(v.severity) ? (v.severity as VulnSeverity) : 'unknown',
            ...(score !== undefined && Number.isFinite(score) ? { score } : {}),
            fixed: v.fixed ? [v.fixed] : [],
            aliases: v.aliases ?? [],
            versioned: true,
          },
          v.url,
        ),
      );
    }
  }
  return signals;
});

/** The answer's signals, and its notes on what went unchecked (for "What could not be checked"). */
export function dependencyAudit(value: unknown, call: CallInfo): Extraction {
  const read = readAnswer(value, call);
  const parsed = answerSchema.safeParse(value);
  if (!parsed.success) return read;
  const { packages, unversioned = 0 } = parsed.data.totals;
  const notes: EvidenceNote[] = (parsed.data.notes ?? []).filter(isGap).map((n) => note(call, 'tool-error', n));
  // `packages` counts what OSV was asked about; `unversioned` what could not be asked (a range, no lockfile).
  if (packages === 0 && unversioned === 0)
    notes.push(note(call, 'no-data', 'No dependency was found (no manifest or lockfile): nothing was checked against OSV.'));
  else if (packages === 0)
    notes.push(
      note(call, 'no-data', `None of the ${unversioned} dependencies has an exact version (no lockfile): OSV cannot match ranges, so none was checked.`),
    );
  else if (unversioned) notes.push(note(call, 'no-data', `${unversioned} dependencies have no exact version (no lockfile entry) and were not checked.`));
  return { signals: read.signals, notes: [...read.notes, ...notes] };
}

/** The package as a purl subject, at its manifest line, and named with the direct dependency that brings it in. */
function subjectOf(p: { package: string; ecosystem: string; direct?: boolean; via?: string[]; manifest: string }) {
  const at = p.package.lastIndexOf('@');
  const [name, version] = at > 0 ? [p.package.slice(0, at), p.package.slice(at + 1)] : [p.package, undefined];
  const base = packageSubject(p.ecosystem, name, version);
  const via = !p.direct && p.via?.length ? ` (via ${p.via.slice(0, 2).join(', ')})` : '';
  return { ...base, id: `${base.id}${via}`, at: parseLocation(p.manifest) };
}
