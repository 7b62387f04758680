import { access, readFile } from 'node:fs/promises';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../toolResults';
import { lifecycleScriptsOf, LIFECYCLE_SCRIPTS } from './lifecycleScripts';
import { readWorkspaceDependencies } from './workspaceDependencies';
import { TRUNCATED_NOTE, workspaceFiles } from './workspaceFiles';
import { READ_ONLY_LOCAL, workspaceTool, type WorkspaceToolContext, type WorkspaceView } from './workspaceToolKit';

/**
 * install_scripts: what runs when someone installs this project. Each source adds its findings:
 * today the project's own package.json files (the root and nested workspaces, never
 * node_modules), then the dependencies whose lockfile records install scripts (`hasInstallScript`).
 */

export interface InstallScriptFinding {
  /** 'project': a package.json of the workspace; 'dependency': a package a lockfile says has install scripts. */
  kind: 'project' | 'dependency';
  /** The manifest or lockfile it was read from, as the tools show paths. */
  path: string;
  package?: string;
  version?: string;
  /** The scripts' text, where the source has it (a lockfile only records that there are some). */
  scripts?: Record<string, string>;
  implicit_install?: string;
  /** From a lockfile: the package has install scripts (npm's `hasInstallScript`). */
  has_install_script?: boolean;
}

export interface InstallScriptSource {
  (ctx: WorkspaceToolContext, view: WorkspaceView, signal: AbortSignal): Promise<{ findings: InstallScriptFinding[]; notes: string[] }>;
}

const MAX_MANIFEST_BYTES = 1024 * 1024;

/** The project's package.json files: root and nested (workspaces, examples, tools). */
export const projectManifests: InstallScriptSource = async (ctx, view, signal) => {
  const { files, truncated } = await workspaceFiles(ctx, view, '**/package.json', signal);
  const findings: InstallScriptFinding[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const abs = `${file.root.real}/${file.rel}`;
    try {
      const text = (await readFile(abs)).subarray(0, MAX_MANIFEST_BYTES).toString('utf8');
      const dir = file.rel.includes('/') ? file.rel.slice(0, file.rel.lastIndexOf('/') + 1) : '';
      const hasGyp = await access(`${file.root.real}/${dir}binding.gyp`).then(
        () => true,
        () => false,
      );
      const m = lifecycleScriptsOf(text, hasGyp);
      if (Object.keys(m.scripts).length === 0 && !m.implicitInstall) continue;
      findings.push({
        kind: 'project',
        path: file.shown,
        ...(m.name ? { package: m.name } : {}),
        ...(m.version ? { version: m.version } : {}),
        scripts: m.scripts,
        ...(m.implicitInstall ? { implicit_install: m.implicitInstall } : {}),
      });
    } catch (err) {
      notes.push(`${file.shown} could not be read as JSON (${(err as Error).message}).`);
    }
  }
  if (truncated) notes.push(TRUNCATED_NOTE(ctx.limits.maxWalkFiles));
  return { findings, notes: [`${files.length} package.json files read.`, ...notes] };
};

/** Dependencies whose lockfile entry says they run scripts at install (npm's `hasInstallScript`). */
export const lockfileInstallScripts: InstallScriptSource = async (ctx, view, signal) => {
  const { dependencies } = await readWorkspaceDependencies(ctx, view, signal);
  const findings = dependencies
    .filter((d) => d.hasInstallScript)
    .map((d): InstallScriptFinding => ({
      kind: 'dependency',
      path: d.manifest,
      package: d.name,
      ...(d.version ? { version: d.version } : {}),
      has_install_script: true,
    }));
  return { findings, notes: findings.length ? [`${findings.length} dependencies run scripts at install (from their lockfile entries).`] : [] };
};

/** Every source install_scripts reads, in order. */
export const INSTALL_SCRIPT_SOURCES: readonly InstallScriptSource[] = [projectManifests, lockfileInstallScripts];

export function registerInstallScriptsTool(
  server: McpServer,
  ctx: WorkspaceToolContext,
  sources: readonly InstallScriptSource[] = INSTALL_SCRIPT_SOURCES,
): void {
  server.registerTool(
    'install_scripts',
    {
      title: 'Install scripts',
      description:
        `The npm lifecycle scripts (${LIFECYCLE_SCRIPTS.join(', ')}) of the workspace's package.json files (the root and nested packages; node_modules is not read), ` +
        'and an implicit "node-gyp rebuild" where binding.gyp is present, plus the dependencies whose lockfile entry records install scripts (hasInstallScript): ' +
        'the code that runs on npm install. Returns {findings: [{kind: project | dependency, path, package, version, scripts, has_install_script}], notes}.',
      inputSchema: {},
      annotations: { ...READ_ONLY_LOCAL, title: 'Install scripts' },
    },
    async (_args, extra) =>
      workspaceTool(ctx, async (view) => {
        const findings: InstallScriptFinding[] = [];
        const notes: string[] = [];
        for (const source of sources) {
          const r = await source(ctx, view, extra.signal);
          findings.push(...r.findings);
          notes.push(...r.notes);
        }
        if (findings.length === 0) notes.push('No install-time scripts found.');
        return jsonResult({ findings, notes });
      }),
  );
}
