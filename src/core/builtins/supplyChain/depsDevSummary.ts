/**
 * deps.dev answers cut down for an audit: the release history (how many, how recent, which is
 * the default), what one version declares (licences, advisories, source repository, provenance),
 * and the shape of its dependency graph.
 */
import { capList } from './capList';
import type { DdDependencies, DdNode, DdPackage, DdVersion } from './depsDevModel';
import { depsDevWebUrl, type System } from './systems';

const MAX_VERSIONS = 40;
const MAX_DEPENDENCIES = 100;
const MAX_GRAPH_ERRORS = 10;

export function summarisePackage(system: System, requestedName: string, pkg: DdPackage) {
  const name = pkg.packageKey?.name ?? requestedName;
  const versions = (pkg.versions ?? []).map((v) => ({
    version: v.versionKey?.version ?? '?',
    ...(v.publishedAt ? { publishedAt: v.publishedAt } : {}),
    ...(v.isDefault ? { default: true } : {}),
    ...(v.isDeprecated ? { deprecated: true } : {}),
  }));
  // Newest first by publication; versions without a date keep their order at the end.
  const dated = versions.filter((v) => v.publishedAt).sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
  const undated = versions.filter((v) => !v.publishedAt).reverse();
  const ordered = [...dated, ...undated];
  const capped = capList(ordered, MAX_VERSIONS, 'older versions');
  const deprecated = versions.filter((v) => v.deprecated).length;
  const url = depsDevWebUrl(system, name);
  return {
    system,
    name,
    url,
    versionCount: versions.length,
    defaultVersion: versions.find((v) => v.default)?.version,
    latestPublished: dated[0],
    firstPublished: dated.length ? dated[dated.length - 1] : undefined,
    ...(deprecated ? { deprecatedVersions: deprecated } : {}),
    versions: capped.items,
    ...(capped.note ? { note: capped.note } : {}),
    sources: [url],
  };
}

export interface AdvisoryLine {
  id: string;
  url: string;
  title?: string;
  aliases?: string[];
  cvss3Score?: number;
  error?: string;
}

export function summariseVersion(system: System, requested: { name: string; version: string }, v: DdVersion, advisories: AdvisoryLine[]) {
  const name = v.versionKey?.name ?? requested.name;
  const version = v.versionKey?.version ?? requested.version;
  const url = depsDevWebUrl(system, name, version);
  const related = (v.relatedProjects ?? []).filter((p) => p.projectKey?.id);
  const sourceRepo = related.find((p) => p.relationType === 'SOURCE_REPO')?.projectKey?.id ?? (v.links ?? []).find((l) => l.label === 'SOURCE_REPO')?.url;
  const slsa = (v.slsaProvenances ?? []).map((p) =>
    compact({ sourceRepository: p.sourceRepository, commit: p.commit, verified: p.verified ?? false, url: p.url }),
  );
  const attestations = (v.attestations ?? []).map((a) =>
    compact({ type: a.type, verified: a.verified ?? false, sourceRepository: a.sourceRepository, commit: a.commit, url: a.url }),
  );
  return {
    system,
    name,
    version,
    url,
    ...(v.publishedAt ? { publishedAt: v.publishedAt } : {}),
    isDefault: v.isDefault ?? false,
    isDeprecated: v.isDeprecated ?? false,
    ...(v.deprecatedReason ? { deprecatedReason: v.deprecatedReason } : {}),
    licenses: v.licenses?.length ? v.licenses : ['(none found: deps.dev could not determine a licence)'],
    advisoryCount: advisories.length,
    advisories,
    ...(sourceRepo ? { repository: sourceRepo } : {}),
    links: (v.links ?? []).filter((l) => l.url).map((l) => ({ label: l.label ?? 'LINK', url: l.url })),
    relatedProjects: related.map((p) => compact({ project: p.projectKey?.id, relation: p.relationType, provenance: p.relationProvenance })),
    provenance:
      slsa.length || attestations.length
        ? { ...(slsa.length ? { slsa } : {}), ...(attestations.length ? { attestations } : {}) }
        : 'none published (no SLSA provenance or attestation known to deps.dev)',
    ...(v.registries?.length ? { registries: v.registries } : {}),
    sources: [url, ...advisories.map((a) => a.url)],
  };
}

export function summariseDependencies(system: System, requested: { name: string; version: string }, graph: DdDependencies, includeIndirect: boolean) {
  const nodes = graph.nodes ?? [];
  const root = nodes[0];
  const name = root?.versionKey?.name ?? requested.name;
  const version = root?.versionKey?.version ?? requested.version;
  // The requirement each direct dependency satisfies is on the edge from the root (node 0).
  const requirementOf = new Map<number, string>();
  for (const e of graph.edges ?? []) if ((e.fromNode ?? 0) === 0 && e.requirement) requirementOf.set(e.toNode ?? 0, e.requirement);
  const line = (n: DdNode, index: number) => ({
    name: n.versionKey?.name ?? '?',
    version: n.versionKey?.version ?? '?',
    ...(requirementOf.has(index) ? { requirement: requirementOf.get(index) } : {}),
    ...(n.bundled ? { bundled: true } : {}),
  });
  const indexed = nodes.map((n, i) => ({ n, i })).slice(1);
  const direct = indexed.filter(({ n }) => n.relation === 'DIRECT');
  const indirect = indexed.filter(({ n }) => n.relation === 'INDIRECT');
  const directList = capList(
    direct.map(({ n, i }) => line(n, i)),
    MAX_DEPENDENCIES,
    'direct dependencies',
  );
  const indirectList = capList(
    indirect.map(({ n, i }) => line(n, i)),
    MAX_DEPENDENCIES,
    'indirect dependencies',
  );
  const nodeErrors = nodes.flatMap((n) => (n.errors ?? []).map((e) => `${n.versionKey?.name ?? '?'}: ${e}`));
  const errors = [...(graph.error ? [graph.error] : []), ...nodeErrors];
  const url = `${depsDevWebUrl(system, name, version)}/dependencies`;
  const notes = [directList.note, includeIndirect ? indirectList.note : undefined].filter(Boolean);
  return {
    system,
    name,
    version,
    url,
    nodeCount: nodes.length,
    directCount: direct.length,
    indirectCount: indirect.length,
    ...(nodes.some((n) => n.bundled) ? { bundledCount: nodes.filter((n) => n.bundled).length } : {}),
    direct: directList.items,
    ...(includeIndirect ? { indirect: indirectList.items } : {}),
    ...(errors.length ? { resolutionErrors: errors.slice(0, MAX_GRAPH_ERRORS), resolutionErrorCount: errors.length } : {}),
    ...(notes.length ? { note: notes.join(' ') } : {}),
    sources: [url],
  };
}

/** Drops undefined fields, so the JSON the model reads has no "x": null noise. */
function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
