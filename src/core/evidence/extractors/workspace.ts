import { z } from 'zod';
import { parseLocation } from '../signals';
import { extractor, packageSubject, signal } from './extractor';
import { workflowRiskSignals, workflowsSchema } from './workflows';

/**
 * The workspace connector → secret.hardcoded (secrets_scan), install.script (install_scripts),
 * workflow.risk (workflows), and the packages in use (read_dependencies) as package subjects for
 * the typosquat check. Secrets arrive masked; the engine never sees one.
 */

const secrets = z.looseObject({
  findings: z.array(z.looseObject({ rule: z.string(), kind: z.string(), location: z.string(), preview: z.string() })),
  scanned: z.number(),
});

export const secretsScan = extractor(secrets, (data, call) =>
  data.findings.map((f) =>
    signal(call, 'secret.hardcoded', { kind: 'file', id: f.location, at: parseLocation(f.location) }, { rule: f.rule, kind: f.kind, preview: f.preview }),
  ),
);

const installScripts = z.looseObject({
  findings: z.array(
    z.looseObject({
      kind: z.enum(['project', 'dependency']),
      path: z.string(),
      package: z.string().optional(),
      version: z.string().optional(),
      scripts: z.record(z.string(), z.string()).optional(),
      implicit_install: z.string().optional(),
    }),
  ),
});

export const installScriptsExtractor = extractor(installScripts, (data, call) =>
  data.findings.map((f) => {
    const subject = { ...(f.package ? packageSubject('npm', f.package, f.version) : { kind: 'file' as const, id: f.path }), at: parseLocation(f.path) };
    const scripts = [...Object.keys(f.scripts ?? {}), ...(f.implicit_install ? ['install (implicit node-gyp rebuild)'] : [])];
    return signal(call, 'install.script', subject, { kind: f.kind, scripts });
  }),
);

export const workspaceWorkflows = extractor(workflowsSchema, (data, call) =>
  workflowRiskSignals(data.workflows, call, (path) => ({ kind: 'file', id: path, at: { path } })),
);

const dependencies = z.looseObject({
  dependencies: z.array(z.looseObject({ ecosystem: z.string(), name: z.string(), version: z.string().nullable().optional(), direct: z.boolean().optional() })),
});

/**
 * Direct dependencies only: a typosquat is a name someone typed, while a transitive one was chosen
 * upstream. Each becomes package.in_use, which the typosquat check reads.
 */
export const readDependencies = extractor(dependencies, (data, call) =>
  data.dependencies
    .filter((d) => d.direct === true)
    .map((d) => signal(call, 'package.in_use', packageSubject(d.ecosystem, d.name, d.version ?? undefined), { direct: true })),
);
