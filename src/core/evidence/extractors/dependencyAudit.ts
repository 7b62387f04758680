import { z } from 'zod';
import { parseLocation, type Signal, type VulnSeverity } from '../signals';
import { extractor, packageSubject, signal } from './extractor';

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
  totals: z.looseObject({ packages: z.number(), vulnerablePackages: z.number(), malwarePackages: z.number() }),
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

export const dependencyAudit = extractor(answerSchema, (data, call) => {
  const signals: Signal[] = [
    signal(
      call,
      'vuln.checked',
      { kind: 'package', id: `${data.totals.packages} dependencies` },
      { query: 'audit_dependencies', active: data.totals.vulnerablePackages + data.totals.malwarePackages, versioned: true },
    ),
  ];
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

/** The package as a purl subject, at its manifest line, and named with the direct dependency that brings it in. */
function subjectOf(p: { package: string; ecosystem: string; direct?: boolean; via?: string[]; manifest: string }) {
  const at = p.package.lastIndexOf('@');
  const [name, version] = at > 0 ? [p.package.slice(0, at), p.package.slice(at + 1)] : [p.package, undefined];
  const base = packageSubject(p.ecosystem, name, version);
  const via = !p.direct && p.via?.length ? ` (via ${p.via.slice(0, 2).join(', ')})` : '';
  return { ...base, id: `${base.id}${via}`, at: parseLocation(p.manifest) };
}
