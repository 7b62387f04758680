import { z } from 'zod';
import type { Signal } from '../signals';
import { extractor, packageSubject, signal } from './extractor';

/**
 * deps_dev_version and deps_dev_package (supply_chain) → licence.spdx, provenance.attestation,
 * package.deprecated, releases.latest. The version answer says "none published" as a string when
 * there is no provenance, and puts a sentence in `licenses` when deps.dev found none.
 */

const provenanceEntry = z.looseObject({ verified: z.boolean().optional() });

const versionResult = z.looseObject({
  system: z.string(),
  name: z.string(),
  version: z.string(),
  url: z.string(),
  isDeprecated: z.boolean().optional(),
  deprecatedReason: z.string().optional(),
  licenses: z.array(z.string()).optional(),
  provenance: z.union([z.string(), z.looseObject({ slsa: z.array(provenanceEntry).optional(), attestations: z.array(provenanceEntry).optional() })]).optional(),
});

const NO_LICENCE = /^\(none found/;

export const depsDevVersion = extractor(versionResult, (data, call) => {
  const subject = packageSubject(data.system, data.name, data.version);
  const out: Signal[] = [];
  const licences = (data.licenses ?? []).filter((l) => !NO_LICENCE.test(l));
  out.push(signal(call, 'licence.spdx', subject, { spdx: licences.length ? licences.join(' AND ') : null }, data.url));
  const p = typeof data.provenance === 'object' ? data.provenance : undefined;
  const all = [...(p?.slsa ?? []), ...(p?.attestations ?? [])];
  out.push(
    signal(
      call,
      'provenance.attestation',
      subject,
      { slsa: p?.slsa?.length ?? 0, attestations: p?.attestations?.length ?? 0, verified: all.some((e) => e.verified === true) },
      data.url,
    ),
  );
  if (data.isDeprecated) out.push(signal(call, 'package.deprecated', subject, data.deprecatedReason ? { reason: data.deprecatedReason } : {}, data.url));
  return out;
});

const packageResult = z.looseObject({
  system: z.string(),
  name: z.string(),
  url: z.string(),
  versionCount: z.number(),
  latestPublished: z.looseObject({ version: z.string(), publishedAt: z.string().optional() }).optional(),
});

export const depsDevPackage = extractor(packageResult, (data, call) => {
  const latest = data.latestPublished;
  const daysAgo = latest?.publishedAt ? daysBetween(latest.publishedAt, call) : null;
  return [
    signal(call, 'releases.latest', packageSubject(data.system, data.name), { tag: latest?.version ?? null, daysAgo, count: data.versionCount }, data.url),
  ];
});

function daysBetween(iso: string, call: { now: number }): number | null {
  const then = Date.parse(iso);
  return Number.isFinite(then) ? Math.floor((call.now - then) / 86_400_000) : null;
}
