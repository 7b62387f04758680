import { z } from 'zod';
import type { Signal } from '../signals';
import { extractor, packageSubject, signal, type CallInfo } from './extractor';

/**
 * registry_package and inspect_package (supply_chain) → provenance.attestation, licence.spdx,
 * package.deprecated, releases.latest, release.change, install.hook (registry metadata);
 * artifact.integrity, artifact.hazard, install.hook, code.chain, release.change (binary-added)
 * (the inspected files). PyPI says nothing about provenance, so no provenance signal comes from it.
 */

const provenance = z.union([z.looseObject({ present: z.boolean() }), z.string()]);

const registryResult = z.looseObject({
  ecosystem: z.string(),
  name: z.string(),
  version: z.string(),
  isLatest: z.boolean().optional(),
  published: z.string().optional(),
  versionCount: z.number().optional(),
  license: z.string().optional(),
  deprecated: z.string().optional(),
  yanked: z.union([z.string(), z.boolean()]).optional(),
  installScripts: z.record(z.string(), z.string()).default({}),
  provenance: provenance.optional(),
  changes: z.array(z.looseObject({ kind: z.string(), detail: z.string() })).default([]),
  previous: z
    .looseObject({ installScripts: z.record(z.string(), z.string()).default({}) })
    .nullable()
    .optional(),
  sources: z.array(z.string()).default([]),
});

export const registryPackage = extractor(registryResult, (data, call) => {
  const subject = packageSubject(data.ecosystem, data.name, data.version);
  const url = data.sources[0];
  const out: Signal[] = [];
  if (typeof data.provenance === 'object')
    out.push(signal(call, 'provenance.attestation', subject, { slsa: 0, attestations: data.provenance.present ? 1 : 0, verified: false }, url));
  if (data.license) out.push(signal(call, 'licence.spdx', subject, { spdx: data.license }, url));
  if (data.deprecated) out.push(signal(call, 'package.deprecated', subject, { reason: data.deprecated }, url));
  if (data.yanked) out.push(signal(call, 'package.deprecated', subject, { reason: `yanked${typeof data.yanked === 'string' ? `: ${data.yanked}` : ''}` }, url));
  if (data.isLatest && data.published)
    out.push(
      signal(
        call,
        'releases.latest',
        packageSubject(data.ecosystem, data.name),
        { tag: data.version, daysAgo: daysAgo(data.published, call), count: data.versionCount ?? 1 },
        url,
      ),
    );
  for (const c of data.changes) out.push(signal(call, 'release.change', subject, { kind: c.kind, detail: c.detail }, url));
  for (const [hook, command] of Object.entries(data.installScripts))
    out.push(
      signal(
        call,
        'install.hook',
        subject,
        {
          hook,
          command,
          runs: [],
          runsBinary: false,
          implicit: false,
          minor: hook === 'prepare',
          newInRelease: data.previous ? data.previous.installScripts[hook] === undefined : null,
        },
        url,
      ),
    );
  return out;
});

const inspectResult = z.looseObject({
  ecosystem: z.string(),
  name: z.string(),
  version: z.string(),
  artifacts: z.array(
    z.looseObject({
      filename: z.string(),
      integrity: z.looseObject({ verified: z.boolean().nullable(), algorithm: z.string().optional() }),
      inspected: z.boolean(),
    }),
  ),
  installHooks: z
    .array(
      z.looseObject({
        hook: z.string(),
        command: z.string(),
        runs: z.array(z.string()).default([]),
        runsBinary: z.boolean().default(false),
        implicit: z.boolean().optional(),
        note: z.string().optional(),
        newInThisRelease: z.boolean().optional(),
      }),
    )
    .default([]),
  hazards: z.array(z.looseObject({ kind: z.string(), severity: z.string(), file: z.string().optional(), detail: z.string() })).default([]),
  binaries: z.array(z.looseObject({ file: z.string(), format: z.string(), newInThisRelease: z.boolean().optional() })).default([]),
  chains: z
    .array(
      z.looseObject({
        kind: z.string(),
        file: z.string(),
        installTime: z.boolean(),
        capabilities: z.array(z.string()),
        lines: z.array(z.number()),
        excerpt: z.string().default(''),
      }),
    )
    .default([]),
  comparedWith: z.looseObject({ version: z.string().optional() }).optional(),
  sources: z.array(z.string()).default([]),
});

export const inspectPackage = extractor(inspectResult, (data, call) => {
  const subject = packageSubject(data.ecosystem, data.name, data.version);
  const url = data.sources[0];
  const out: Signal[] = [];
  for (const a of data.artifacts)
    if (a.integrity.verified !== null)
      out.push(
        signal(
          call,
          'artifact.integrity',
          subject,
          { artifact: a.filename, verified: a.integrity.verified, ...(a.integrity.algorithm ? { algorithm: a.integrity.algorithm } : {}) },
          url,
        ),
      );
  for (const h of data.hazards)
    out.push(signal(call, 'artifact.hazard', subject, { kind: h.kind, severity: h.severity, ...(h.file ? { file: h.file } : {}), detail: h.detail }, url));
  for (const h of data.installHooks)
    out.push(
      signal(
        call,
        'install.hook',
        subject,
        {
          hook: h.hook,
          command: h.command,
          runs: h.runs,
          runsBinary: h.runsBinary,
          implicit: h.implicit === true,
          minor: h.note !== undefined,
          newInRelease: h.newInThisRelease ?? null,
        },
        url,
      ),
    );
  for (const c of data.chains)
    out.push(
      signal(
        call,
        'code.chain',
        subject,
        { kind: c.kind, file: c.file, installTime: c.installTime, capabilities: c.capabilities, lines: c.lines, excerpt: c.excerpt },
        url,
      ),
    );
  for (const b of data.binaries.filter((x) => x.newInThisRelease))
    out.push(
      signal(
        call,
        'release.change',
        subject,
        {
          kind: 'binary-added',
          detail: `native ${b.format} binary ${b.file} new in ${data.version} (not in ${data.comparedWith?.version ?? 'the previous release'})`,
        },
        url,
      ),
    );
  return out;
});

function daysAgo(iso: string, call: CallInfo): number | null {
  const then = Date.parse(iso);
  return Number.isFinite(then) ? Math.floor((call.now - then) / 86_400_000) : null;
}
