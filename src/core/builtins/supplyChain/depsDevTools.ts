/**
 * The deps.dev tools: a package's release history, one version's facts, one version's resolved
 * dependency graph.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { guarded, jsonResult, READ_ONLY_OPEN_WORLD } from '../toolResults';
import type { ApiClient } from './apiClient';
import { mapWithConcurrency } from './concurrency';
import { getAdvisory, getDependencies, getPackage, getVersion } from './depsDevClient';
import { summariseDependencies, summarisePackage, summariseVersion, type AdvisoryLine } from './depsDevSummary';
import { osvWebUrl, SYSTEMS } from './systems';

const MAX_ADVISORIES = 30;
const ADVISORY_CONCURRENCY = 5;

const READ_ONLY = READ_ONLY_OPEN_WORLD;

const system = z.enum(SYSTEMS).describe('Package ecosystem as deps.dev names it: npm, pypi, go, maven, cargo, nuget or rubygems.');
const name = z
  .string()
  .min(1)
  .describe(
    'Package name as its registry spells it: lodash, @types/node, requests, github.com/gin-gonic/gin (Go module path), org.apache.commons:commons-text (Maven groupId:artifactId).',
  );
const version = z.string().min(1).describe('An exact version the package published, e.g. 4.17.15 (deps_dev_package lists them).');

export function registerDepsDevTools(server: McpServer, api: ApiClient): void {
  server.registerTool(
    'deps_dev_package',
    {
      title: 'deps.dev: package versions',
      description:
        'A package on deps.dev: how many versions, the default (what installs without a version), the latest and first publication dates, deprecated versions, and the most recent versions with their dates. Also confirms that a package exists.',
      inputSchema: { system, name },
      annotations: { title: 'deps.dev: package versions', ...READ_ONLY },
    },
    (args, extra) =>
      guarded(async () => jsonResult(summarisePackage(args.system, args.name.trim(), await getPackage(api, args.system, args.name.trim(), extra.signal)))),
  );

  server.registerTool(
    'deps_dev_version',
    {
      title: 'deps.dev: one version',
      description:
        'One package version on deps.dev: licences, security advisories affecting it directly (with titles and CVSS), source repository and other links, related projects, deprecation, SLSA provenance and attestations, and the deps.dev URL to cite.',
      inputSchema: { system, name, version },
      annotations: { title: 'deps.dev: one version', ...READ_ONLY },
    },
    (args, extra) =>
      guarded(async () => {
        const requested = { name: args.name.trim(), version: args.version.trim() };
        const v = await getVersion(api, args.system, requested.name, requested.version, extra.signal);
        const ids = [...new Set((v.advisoryKeys ?? []).map((k) => k.id).filter((id): id is string => !!id))];
        const advisories = await mapWithConcurrency(
          ids.slice(0, MAX_ADVISORIES),
          ADVISORY_CONCURRENCY,
          (id) => advisoryLine(api, id, extra.signal),
          extra.signal,
        );
        // Ids beyond the cap are still listed, only not looked up.
        for (const id of ids.slice(MAX_ADVISORIES)) advisories.push({ id, url: osvWebUrl(id) });
        return jsonResult(summariseVersion(args.system, requested, v, advisories));
      }),
  );

  server.registerTool(
    'deps_dev_dependencies',
    {
      title: 'deps.dev: dependency graph',
      description:
        'The resolved dependency graph of one package version on deps.dev (npm, pypi, go, maven, cargo): how many direct and indirect dependencies, the direct ones with the versions they resolve to, and any resolution errors. Set includeIndirect to list the indirect ones too.',
      inputSchema: {
        system,
        name,
        version,
        includeIndirect: z.boolean().optional().describe('Also list the indirect (transitive) dependencies, capped at 100. Default false: counts only.'),
      },
      annotations: { title: 'deps.dev: dependency graph', ...READ_ONLY },
    },
    (args, extra) =>
      guarded(async () => {
        const requested = { name: args.name.trim(), version: args.version.trim() };
        const graph = await getDependencies(api, args.system, requested.name, requested.version, extra.signal);
        return jsonResult(summariseDependencies(args.system, requested, graph, args.includeIndirect ?? false));
      }),
  );
}

/** One advisory's title and score; a failed lookup keeps the id (the advisory still counts). */
async function advisoryLine(api: ApiClient, id: string, signal: AbortSignal): Promise<AdvisoryLine> {
  const url = osvWebUrl(id);
  try {
    const a = await getAdvisory(api, id, signal);
    if (!a) return { id, url, error: 'deps.dev has no details for this advisory; try osv_get_vulnerability.' };
    return {
      id,
      url,
      ...(a.title ? { title: a.title } : {}),
      ...(a.aliases?.length ? { aliases: a.aliases } : {}),
      ...(typeof a.cvss3Score === 'number' && a.cvss3Score > 0 ? { cvss3Score: a.cvss3Score } : {}),
    };
  } catch (err) {
    if (signal.aborted) throw err;
    return { id, url, error: (err as Error).message };
  }
}
