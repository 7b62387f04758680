import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Dependency } from '../../dependencies';
import { jsonResult } from '../toolResults';
import { readWorkspaceDependencies } from './workspaceDependencies';
import { READ_ONLY_LOCAL, workspaceTool, type WorkspaceToolContext } from './workspaceToolKit';

const ECOSYSTEMS = ['npm', 'PyPI', 'Go', 'crates.io', 'Maven'] as const;
const PAGE = 200;
const MAX_PAGE = 1000;
const MAX_WARNINGS = 50;

/**
 * list_manifests and read_dependencies: what the workspace declares and what its lockfiles
 * resolve, as one typed list (core/dependencies), so the audit can ask OSV and deps.dev about
 * exactly the versions in use.
 */
export function registerDependencyTools(server: McpServer, ctx: WorkspaceToolContext): void {
  server.registerTool(
    'list_manifests',
    {
      title: 'List manifests and lockfiles',
      description:
        'The dependency manifests and lockfiles of the workspace (npm, pnpm, yarn, PyPI requirements / poetry / uv / Pipfile, Go, Cargo, Maven), ' +
        'with how many dependencies each declares or resolves. Returns {manifests: [{path, kind, ecosystem, lockfile, dependencies}], warnings}.',
      inputSchema: {},
      annotations: { ...READ_ONLY_LOCAL, title: 'List manifests and lockfiles' },
    },
    async (_args, extra) =>
      workspaceTool(ctx, async (view) => {
        const r = await readWorkspaceDependencies(ctx, view, extra.signal);
        const counts = new Map<string, number>();
        for (const d of r.dependencies) counts.set(d.manifest, (counts.get(d.manifest) ?? 0) + 1);
        return jsonResult({
          manifests: r.manifests.map((m) => ({ ...m, dependencies: counts.get(m.path) ?? 0 })),
          warnings: capped(r.warnings),
          ...(r.manifests.length === 0 ? { note: 'No manifest or lockfile the auditor reads was found.' } : {}),
        });
      }),
  );

  server.registerTool(
    'read_dependencies',
    {
      title: 'Read dependencies',
      description:
        'Every dependency of the workspace, resolved from its lockfiles where they exist (else the declared ranges of its manifests): ' +
        '{ecosystem, name, version, range, direct, dev, purl, manifest, line, lockPath, via, hasInstallScript}. ' +
        '"via" names the direct dependencies that bring a transitive one in. Filter by ecosystem, name or scope; paginated.',
      inputSchema: {
        ecosystem: z.enum(ECOSYSTEMS).optional().describe('Only this ecosystem.'),
        name: z.string().min(1).max(200).optional().describe('Only packages whose name contains this text.'),
        scope: z.enum(['all', 'direct', 'prod']).optional().describe('all (default), direct (declared by the project) or prod (not dev-only).'),
        offset: z.number().int().min(0).optional().describe('Skip this many (from a previous page).'),
        page_size: z.number().int().min(1).max(MAX_PAGE).optional().describe(`How many to return (default ${PAGE}).`),
      },
      annotations: { ...READ_ONLY_LOCAL, title: 'Read dependencies' },
    },
    async (args, extra) =>
      workspaceTool(ctx, async (view) => {
        const r = await readWorkspaceDependencies(ctx, view, extra.signal);
        const wanted = r.dependencies.filter((d) => matches(d, args));
        const offset = args.offset ?? 0;
        const size = args.page_size ?? PAGE;
        const page = wanted.slice(offset, offset + size);
        const next = offset + page.length;
        return jsonResult({
          total: wanted.length,
          direct: wanted.filter((d) => d.direct).length,
          shown: page.length ? `${offset + 1}–${next}` : 'none',
          dependencies: page,
          ...(next < wanted.length ? { more: `call again with offset ${next}` } : {}),
          manifests: r.manifests.map((m) => m.path),
          warnings: capped(r.warnings),
        });
      }),
  );
}

function matches(d: Dependency, args: { ecosystem?: string; name?: string; scope?: 'all' | 'direct' | 'prod' }): boolean {
  if (args.ecosystem && d.ecosystem !== args.ecosystem) return false;
  if (args.name && !d.name.toLowerCase().includes(args.name.toLowerCase())) return false;
  if (args.scope === 'direct') return d.direct;
  if (args.scope === 'prod') return !d.dev;
  return true;
}

function capped(warnings: string[]): string[] {
  return warnings.length > MAX_WARNINGS ? [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more warnings.`] : warnings;
}
