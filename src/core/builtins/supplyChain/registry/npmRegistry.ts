/**
 * The npm registry's packument (GET /NAME, a scoped name sent as @scope%2fname), read through a
 * zod gate into ReleaseFacts: the chosen version (or dist-tags.latest), and the release before it
 * by publish time, so a change between the two can be shown.
 */
import { z } from 'zod';
import type { RegistryHttp } from './registryHttp';
import type { PackageOverview, ReleaseFacts } from './releaseFacts';

const person = z.union([z.looseObject({ name: z.string().optional(), email: z.string().optional() }), z.string()]);

const versionDoc = z.looseObject({
  version: z.string(),
  scripts: z.record(z.string(), z.unknown()).optional(),
  hasInstallScript: z.boolean().optional(),
  gypfile: z.boolean().optional(),
  deprecated: z.union([z.string(), z.boolean()]).optional(),
  license: z.unknown().optional(),
  repository: z.unknown().optional(),
  maintainers: z.array(person).optional(),
  _npmUser: person.optional(),
  dist: z
    .looseObject({
      tarball: z.string().optional(),
      integrity: z.string().optional(),
      shasum: z.string().optional(),
      fileCount: z.number().optional(),
      unpackedSize: z.number().optional(),
      attestations: z.looseObject({ url: z.string().optional(), provenance: z.looseObject({ predicateType: z.string().optional() }).optional() }).optional(),
    })
    .optional(),
});

const packument = z.looseObject({
  name: z.string(),
  'dist-tags': z.record(z.string(), z.string()).optional(),
  versions: z.record(z.string(), versionDoc).default({}),
  time: z.record(z.string(), z.string()).optional(),
});

export type NpmPackument = z.infer<typeof packument>;

export const INSTALL_SCRIPT_KEYS = ['preinstall', 'install', 'postinstall', 'prepare'] as const;

export function encodeNpmName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

export interface NpmRelease {
  overview: PackageOverview;
  current: ReleaseFacts;
  previous?: ReleaseFacts;
  /** The version was not given: the latest was used. */
  usedLatest: boolean;
}

export async function readNpmRelease(
  http: RegistryHttp,
  registry: string,
  name: string,
  version: string | undefined,
  signal?: AbortSignal,
): Promise<NpmRelease> {
  const documentUrl = `${registry}/${encodeNpmName(name)}`;
  const raw = await http.json<unknown>(documentUrl, 'The npm registry', signal);
  if (raw === undefined)
    throw new Error(`The npm registry (${registry}) has no package ${name}. Check the spelling (npm names are lowercase; scoped names look like @scope/name).`);
  const parsed = packument.safeParse(raw);
  if (!parsed.success)
    throw new Error(`The npm registry answered for ${name} with a document that is not a packument (${parsed.error.issues[0]?.message ?? 'invalid'}).`);
  return releaseFromPackument(parsed.data, registry, documentUrl, version);
}

/** Pure: the chosen release and the one published before it. */
export function releaseFromPackument(p: NpmPackument, registry: string, documentUrl: string, version: string | undefined): NpmRelease {
  const latest = p['dist-tags']?.['latest'];
  const chosen = version ?? latest;
  const versions = Object.keys(p.versions);
  if (!chosen || !p.versions[chosen]) {
    const hint = latest ? `; the latest is ${latest}` : '';
    throw new Error(`The npm registry has ${p.name} but no version ${chosen ?? '(latest)'}${hint} (${versions.length} versions published).`);
  }
  const time = p.time ?? {};
  const overview: PackageOverview = {
    ecosystem: 'npm',
    name: p.name,
    registry,
    versionCount: versions.length,
    ...(latest ? { latest } : {}),
    ...(time['created'] ? { firstPublished: time['created'] } : {}),
    pageUrl: (v) => `https://www.npmjs.com/package/${p.name}/v/${v}`,
    documentUrl,
  };
  const prevVersion = previousByTime(versions, time, chosen);
  return {
    overview,
    current: facts(p.name, p.versions[chosen], time[chosen]),
    ...(prevVersion ? { previous: facts(p.name, p.versions[prevVersion], time[prevVersion]) } : {}),
    usedLatest: version === undefined,
  };
}

/** The version published last before `version` (by the packument's time map). */
export function previousByTime(versions: readonly string[], time: Record<string, string>, version: string): string | undefined {
  const at = Date.parse(time[version] ?? '');
  if (!Number.isFinite(at)) return undefined;
  let best: { v: string; t: number } | undefined;
  for (const v of versions) {
    const t = Date.parse(time[v] ?? '');
    if (v !== version && Number.isFinite(t) && t < at && (!best || t > best.t)) best = { v, t };
  }
  return best?.v;
}

function facts(name: string, doc: z.infer<typeof versionDoc>, published: string | undefined): ReleaseFacts {
  const scripts: Record<string, string> = {};
  for (const key of INSTALL_SCRIPT_KEYS) {
    const v = doc.scripts?.[key];
    if (typeof v === 'string' && v.trim()) scripts[key] = v.slice(0, 500);
  }
  const dist = doc.dist ?? {};
  const att = dist.attestations;
  return {
    ecosystem: 'npm',
    name,
    version: doc.version,
    ...(published ? { published } : {}),
    ...(doc._npmUser ? { publisher: personName(doc._npmUser) } : {}),
    maintainers: (doc.maintainers ?? []).map(personName).filter(Boolean),
    installScripts: scripts,
    ...(doc.hasInstallScript !== undefined ? { hasInstallScript: doc.hasInstallScript } : {}),
    provenance: att
      ? { present: true, ...(att.provenance?.predicateType ? { predicateType: att.provenance.predicateType } : {}), ...(att.url ? { url: att.url } : {}) }
      : { present: false },
    ...(doc.deprecated ? { deprecated: typeof doc.deprecated === 'string' ? doc.deprecated : 'deprecated' } : {}),
    ...(licenceOf(doc.license) ? { license: licenceOf(doc.license) } : {}),
    ...(repositoryOf(doc.repository) ? { repository: repositoryOf(doc.repository) } : {}),
    artifacts: dist.tarball
      ? [
          {
            url: dist.tarball,
            filename: dist.tarball.split('/').pop() ?? dist.tarball,
            kind: 'npm-tarball',
            ...(dist.integrity ? { integrity: dist.integrity } : {}),
            ...(dist.shasum ? { shasum: dist.shasum } : {}),
          },
        ]
      : [],
    ...(dist.fileCount !== undefined ? { fileCount: dist.fileCount } : {}),
    ...(dist.unpackedSize !== undefined ? { unpackedSize: dist.unpackedSize } : {}),
  };
}

function personName(p: z.infer<typeof person>): string {
  if (typeof p === 'string') return p.replace(/\s*<.*$/, '').trim();
  return p.name ?? p.email ?? '';
}

function licenceOf(l: unknown): string | undefined {
  if (typeof l === 'string') return l.slice(0, 100);
  if (l && typeof l === 'object' && typeof (l as { type?: unknown }).type === 'string') return (l as { type: string }).type.slice(0, 100);
  return undefined;
}

function repositoryOf(r: unknown): string | undefined {
  if (typeof r === 'string') return r.slice(0, 300);
  if (r && typeof r === 'object' && typeof (r as { url?: unknown }).url === 'string') return (r as { url: string }).url.slice(0, 300);
  return undefined;
}
