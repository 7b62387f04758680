/**
 * PyPI's JSON API (GET /pypi/NAME/json, /pypi/NAME/VERSION/json) read through a zod gate into
 * ReleaseFacts: the release's files with their sha256 and upload times, yanked or not, and the
 * release uploaded before it (from `releases`, deprecated by PyPI but still served).
 */
import { z } from 'zod';
import type { RegistryHttp } from './registryHttp';
import type { ArtifactRef, PackageOverview, ReleaseFacts } from './releaseFacts';

const file = z.looseObject({
  filename: z.string(),
  url: z.string(),
  packagetype: z.string().optional(),
  size: z.number().optional(),
  digests: z.looseObject({ sha256: z.string().optional() }).optional(),
  upload_time_iso_8601: z.string().optional(),
  upload_time: z.string().optional(),
  yanked: z.boolean().optional(),
});

const info = z.looseObject({
  name: z.string(),
  version: z.string(),
  license: z.string().nullable().optional(),
  license_expression: z.string().nullable().optional(),
  project_urls: z.record(z.string(), z.string()).nullable().optional(),
  home_page: z.string().nullable().optional(),
  yanked: z.boolean().optional(),
  yanked_reason: z.string().nullable().optional(),
  author: z.string().nullable().optional(),
  maintainer: z.string().nullable().optional(),
});

const projectDoc = z.looseObject({
  info,
  urls: z.array(file).default([]),
  releases: z.record(z.string(), z.array(file)).optional(),
  ownership: z.looseObject({ roles: z.array(z.looseObject({ role: z.string().optional(), user: z.string().optional() })).optional() }).optional(),
});

export type PypiDocument = z.infer<typeof projectDoc>;

export interface PypiRelease {
  overview: PackageOverview;
  current: ReleaseFacts;
  previous?: ReleaseFacts;
  usedLatest: boolean;
}

export async function readPypiRelease(http: RegistryHttp, base: string, name: string, version: string | undefined, signal?: AbortSignal): Promise<PypiRelease> {
  const projectUrl = `${base}/pypi/${encodeURIComponent(name)}/json`;
  const project = parse(await http.json<unknown>(projectUrl, 'PyPI', signal), name, base);
  let release = project;
  let documentUrl = projectUrl;
  if (version !== undefined && version !== project.info.version) {
    documentUrl = `${base}/pypi/${encodeURIComponent(name)}/${encodeURIComponent(version)}/json`;
    const raw = await http.json<unknown>(documentUrl, 'PyPI', signal);
    if (raw === undefined) throw new Error(`PyPI has ${project.info.name} but no release ${version}; the latest is ${project.info.version}.`);
    release = parse(raw, name, base);
  }
  return releaseFromDocuments(project, release, base, documentUrl, version === undefined);
}

function parse(raw: unknown, name: string, base: string): PypiDocument {
  if (raw === undefined) throw new Error(`PyPI (${base}) has no project ${name}. Check the spelling (PyPI ignores case and treats -, _ and . alike).`);
  const parsed = projectDoc.safeParse(raw);
  if (!parsed.success)
    throw new Error(`PyPI answered for ${name} with a document that is not a JSON API project (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  return parsed.data;
}

/** Pure: the release's facts and the one uploaded before it. */
export function releaseFromDocuments(project: PypiDocument, release: PypiDocument, base: string, documentUrl: string, usedLatest: boolean): PypiRelease {
  const releases = project.releases ?? {};
  const maintainers = (project.ownership?.roles ?? []).map((r) => r.user ?? '').filter(Boolean);
  const name = release.info.name;
  const current = facts(name, release.info.version, release.urls, release.info, maintainers);
  const at = Date.parse(current.published ?? '');
  let prev: { v: string; t: number } | undefined;
  if (Number.isFinite(at))
    for (const [v, files] of Object.entries(releases)) {
      const t = earliest(files);
      if (v !== current.version && t !== undefined && t < at && (!prev || t > prev.t)) prev = { v, t };
    }
  const uploads = Object.values(releases)
    .map(earliest)
    .filter((t): t is number => t !== undefined);
  const overview: PackageOverview = {
    ecosystem: 'pypi',
    name,
    registry: base,
    versionCount: Object.keys(releases).length,
    latest: project.info.version,
    ...(uploads.length ? { firstPublished: new Date(Math.min(...uploads)).toISOString() } : {}),
    pageUrl: (v) => `https://pypi.org/project/${name}/${v}/`,
    documentUrl,
  };
  return {
    overview,
    current,
    ...(prev ? { previous: facts(name, prev.v, releases[prev.v], undefined, maintainers) } : {}),
    usedLatest,
  };
}

function facts(name: string, version: string, files: z.infer<typeof file>[], i: z.infer<typeof info> | undefined, maintainers: string[]): ReleaseFacts {
  const t = earliest(files);
  const licence = i?.license_expression || (i?.license && i.license.length <= 100 ? i.license : undefined);
  const repo = Object.entries(i?.project_urls ?? {}).find(([k, v]) => /source|repository|code|github/i.test(k) || /github\.com|gitlab\.com/.test(v))?.[1];
  return {
    ecosystem: 'pypi',
    name,
    version,
    ...(t !== undefined ? { published: new Date(t).toISOString() } : {}),
    maintainers,
    installScripts: {},
    provenance: null,
    ...(i?.yanked ? { yanked: i.yanked_reason ? { reason: i.yanked_reason } : {} } : {}),
    ...(licence ? { license: licence } : {}),
    ...(repo ? { repository: repo } : {}),
    artifacts: files.map(artifact),
  };
}

function artifact(f: z.infer<typeof file>): ArtifactRef {
  const kind: ArtifactRef['kind'] = f.filename.endsWith('.whl') ? 'wheel' : f.filename.endsWith('.zip') ? 'sdist-zip' : 'sdist-tar';
  const uploaded = f.upload_time_iso_8601 ?? f.upload_time;
  return {
    url: f.url,
    filename: f.filename,
    kind,
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.digests?.sha256 ? { sha256: f.digests.sha256 } : {}),
    ...(uploaded ? { uploaded } : {}),
    ...(f.yanked ? { yanked: true } : {}),
  };
}

function earliest(files: readonly z.infer<typeof file>[]): number | undefined {
  const times = files.map((f) => Date.parse(f.upload_time_iso_8601 ?? (f.upload_time ? `${f.upload_time}Z` : ''))).filter(Number.isFinite);
  return times.length ? Math.min(...times) : undefined;
}
