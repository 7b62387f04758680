/**
 * How a dependency list becomes the audit's package list: one entry per package version, however many manifests list it: direct if any lists it
 * directly, dev only if every one does, `via` the union. The first manifest that names it directly
 * (else the first at all) is where a finding points.
 */
import type { Dependency } from '../../../dependencies';
import type { AuditedPackage } from './auditModel';

export function groupByVersion(deps: readonly Dependency[]): { packages: AuditedPackage[]; unversioned: number } {
  const byKey = new Map<string, AuditedPackage>();
  const unversioned = new Set<string>();
  for (const d of deps) {
    if (!d.version) {
      unversioned.add(`${d.ecosystem}\0${d.name}`);
      continue;
    }
    const key = `${d.ecosystem}\0${d.ecosystem === 'PyPI' ? d.name.toLowerCase().replace(/[-_.]+/g, '-') : d.name}\0${d.version}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        ecosystem: d.ecosystem,
        name: d.name,
        version: d.version,
        purl: d.purl,
        direct: d.direct,
        dev: d.dev,
        manifest: d.manifest,
        ...(d.line !== undefined ? { line: d.line } : {}),
        via: d.direct ? [] : [...(d.via ?? [])],
        vulnerabilities: [],
      });
      continue;
    }
    if (d.direct && !seen.direct) Object.assign(seen, { direct: true, manifest: d.manifest, line: d.line });
    seen.dev = seen.dev && d.dev;
    if (!d.direct) for (const v of d.via ?? []) if (!seen.via.includes(v)) seen.via.push(v);
  }
  return { packages: [...byKey.values()], unversioned: unversioned.size };
}
