import { z } from 'zod';
import type { Signal, Subject, VulnSeverity } from '../signals';
import { extractor, packageSubject, signal, type CallInfo } from './extractor';

/**
 * osv_query, osv_query_batch and osv_get_vulnerability (supply_chain) → vuln.checked, vuln.known,
 * vuln.malware. MAL- records carry no severity on purpose (OpenSSF Malicious Packages drops it on
 * ingest): a match means the installing machine is compromised, so it is its own signal.
 * Withdrawn records no longer apply and are skipped.
 */

const vulnSummary = z.looseObject({
  id: z.string(),
  url: z.string(),
  summary: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  severity: z
    .looseObject({
      cvss: z.array(z.looseObject({ score: z.number().optional(), rating: z.string().optional() })).optional(),
      database: z.string().optional(),
    })
    .optional(),
  withdrawn: z.string().optional(),
  affected: z.array(z.looseObject({ fixed: z.array(z.string()).optional() })).optional(),
});
type VulnSummary = z.infer<typeof vulnSummary>;

const queryResult = z.looseObject({ query: z.string(), count: z.number(), vulnerabilities: z.array(vulnSummary) });
const batchResult = z.looseObject({
  results: z.array(z.looseObject({ query: z.string(), vulnerabilities: z.array(z.string()).optional() })),
  vulnerabilities: z.array(vulnSummary),
});

const LABELS: Record<string, VulnSeverity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };

export function severityOf(v: VulnSummary): { severity: VulnSeverity; score?: number } {
  const scores = (v.severity?.cvss ?? []).map((c) => c.score).filter((s): s is number => typeof s === 'number');
  if (scores.length) {
    const score = Math.max(...scores);
    return { score, severity: score >= 9 ? 'critical' : score >= 7 ? 'high' : score >= 4 ? 'medium' : score > 0 ? 'low' : 'unknown' };
  }
  return { severity: LABELS[v.severity?.database?.toUpperCase() ?? ''] ?? 'unknown' };
}

export function isMalware(v: VulnSummary): boolean {
  return v.id.startsWith('MAL-');
}

/** Whether the subject names a version (a purl with @version), so OSV's answer is about the version in use. */
export function isVersioned(subject: Subject): boolean {
  return /@[^@/]+$/.test(subject.id.replace(/^pkg:[^/]+\/@/, 'pkg:x/'));
}

function vulnSignals(call: CallInfo, subject: Subject, list: VulnSummary[]): Signal[] {
  const versioned = isVersioned(subject);
  return list
    .filter((v) => !v.withdrawn)
    .map((v) =>
      isMalware(v)
        ? signal(call, 'vuln.malware', subject, { advisory: v.id, url: v.url, ...(v.summary ? { summary: v.summary } : {}) }, v.url)
        : signal(
            call,
            'vuln.known',
            subject,
            {
              advisory: v.id,
              url: v.url,
              ...(v.summary ? { summary: v.summary } : {}),
              ...severityOf(v),
              fixed: [...new Set((v.affected ?? []).flatMap((a) => a.fixed ?? []))],
              aliases: v.aliases ?? [],
              versioned,
            },
            v.url,
          ),
    );
}

/** The package the call asked about, from its arguments (ecosystem+name+version, or a purl); else the label OSV echoed. */
export function osvSubject(args: Record<string, unknown>, label: string): Subject {
  const str = (k: string) => (typeof args[k] === 'string' && (args[k] as string).trim() ? (args[k] as string).trim() : undefined);
  const purl = str('purl');
  if (purl) return { kind: 'package', id: purl.includes('@') || !str('version') ? purl : `${purl}@${str('version')}` };
  const ecosystem = str('ecosystem');
  const name = str('name');
  if (ecosystem && name) return packageSubject(ecosystem, name, str('version'));
  return { kind: 'package', id: label };
}

export const osvQuery = extractor(queryResult, (data, call) => {
  const subject = osvSubject(call.args, data.query);
  const live = data.vulnerabilities.filter((v) => !v.withdrawn);
  return [
    signal(call, 'vuln.checked', subject, { query: data.query, active: live.length, versioned: isVersioned(subject) }),
    ...vulnSignals(call, subject, data.vulnerabilities),
  ];
});

/** A batch answers per query with ids only; the summaries are shared, so each id is matched back to its query. */
export const osvQueryBatch = extractor(batchResult, (data, call) => {
  const queries = Array.isArray(call.args['queries']) ? (call.args['queries'] as unknown[]) : [];
  const byId = new Map(data.vulnerabilities.map((v) => [v.id, v]));
  return data.results.flatMap((r, i) => {
    const raw = queries[i];
    const subject = osvSubject(raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}, r.query);
    const found = (r.vulnerabilities ?? []).map((id) => byId.get(id)).filter((v): v is VulnSummary => !!v);
    return [
      signal(call, 'vuln.checked', subject, { query: r.query, active: found.filter((v) => !v.withdrawn).length, versioned: isVersioned(subject) }),
      ...vulnSignals(call, subject, found),
    ];
  });
});

/** One record looked up by id: it says which packages it hits, not which version is in use, so only malware counts. */
export const osvGetVulnerability = extractor(
  vulnSummary.extend({ affected: z.array(z.looseObject({ package: z.string(), ecosystem: z.string() })).optional() }),
  (data, call) => {
    if (data.withdrawn || !isMalware(data)) return [];
    return (data.affected ?? []).map((a) =>
      signal(
        call,
        'vuln.malware',
        packageSubject(a.ecosystem, a.package),
        { advisory: data.id, url: data.url, ...(data.summary ? { summary: data.summary } : {}) },
        data.url,
      ),
    );
  },
);
