import { usageError } from './exitCodes';

/**
 * The options of `audit TARGET` and their checks. Kept apart from args.ts, which routes them:
 * they mean nothing to the other commands, and are refused there.
 */

export type ProviderName = 'mistral' | 'openai';
export type ReportFormat = 'md' | 'json' | 'sarif';
/** The verdict from which `audit` exits 2 (never: a verdict always exits 0). */
export type FailOn = 'avoid' | 'caution' | 'never';

/** What is audited, as the command line names it. */
export type AuditSubject =
  | { kind: 'named'; text: string }
  | { kind: 'workspace'; dir: string }
  | { kind: 'dependencies'; dir: string }
  /** `--connector NAME`, or the ad-hoc connector of --stdio/--url (name undefined). */
  | { kind: 'connector'; name?: string };

export interface AuditCommand {
  kind: 'audit';
  /** How progress lines name it: TARGET as given, "the workspace (DIR)", "connector NAME". */
  target: string;
  subject: AuditSubject;
  failOn: FailOn;
  /** --no-model: the evidence rules alone, even when a model is configured. */
  noModel: boolean;
  /** --max-rounds N: model requests per run (default 25). */
  maxRounds?: number;
  /** --max-context-tokens N: the model's context window (default 32,000 unless the model says). */
  maxContextTokens?: number;
  /** --temperature T: sampling temperature, recorded in the report. */
  temperature?: number;
  /** --allow-writes: offer tools their server marks destructive (audits are read-only by default). */
  allowWrites: boolean;
  provider?: ProviderName;
  model?: string;
  baseUrl?: string;
  /** Connector names or labels; undefined: every enabled connector. */
  connectors?: string[];
  out?: string;
  format: ReportFormat;
  transcript?: string;
  /** `--studio`: the run happens on Mistral's Conversations API with Studio connectors attached server-side. */
  studio?: StudioAuditOptions;
}

export interface StudioAuditOptions {
  /** `--studio-connector NAME` (repeatable): these Studio connectors; undefined: every one, up to a cap. */
  connectors?: string[];
  /** Mistral's built-in web_search attached (off with --no-web-search). */
  webSearch: boolean;
}

export const AUDIT_OPTIONS = {
  provider: { type: 'string' },
  model: { type: 'string' },
  'base-url': { type: 'string' },
  connectors: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  transcript: { type: 'string' },
  studio: { type: 'boolean' },
  'studio-connector': { type: 'string', multiple: true },
  'no-web-search': { type: 'boolean' },
  dependencies: { type: 'string' },
  connector: { type: 'string' },
  'fail-on': { type: 'string' },
  'no-model': { type: 'boolean' },
  'max-rounds': { type: 'string' },
  'max-context-tokens': { type: 'string' },
  temperature: { type: 'string' },
  'allow-writes': { type: 'boolean' },
} as const;

export interface AuditValues {
  provider?: string;
  model?: string;
  'base-url'?: string;
  connectors?: string;
  out?: string;
  format?: string;
  transcript?: string;
  studio?: boolean;
  'studio-connector'?: string[];
  'no-web-search'?: boolean;
  dependencies?: string;
  connector?: string;
  'fail-on'?: string;
  'no-model'?: boolean;
  'max-rounds'?: string;
  'max-context-tokens'?: string;
  temperature?: string;
  'allow-writes'?: boolean;
  json: boolean;
}

/** What `audit` reads of the global options: --workspace names the target when no TARGET is given. */
export interface AuditContext {
  workspace?: string;
  adhoc: boolean;
}

type AuditOptionName = keyof typeof AUDIT_OPTIONS;
const AUDIT_OPTION_NAMES = Object.keys(AUDIT_OPTIONS) as AuditOptionName[];

/** Refuses audit options on other commands ("--provider applies to audit only."). */
export function refuseAuditOptions(v: AuditValues): void {
  const given = AUDIT_OPTION_NAMES.find((name) => v[name] !== undefined);
  if (given) throw usageError(`--${given} applies to audit only.`);
}

const TARGET_HINT = 'owner/repo, a repository URL, a package (name@version, pkg:npm/…, pypi:name), --workspace [DIR], --dependencies [DIR] or --connector NAME';

export function parseAuditCommand(rest: readonly string[], v: AuditValues, ctx: AuditContext = { adhoc: false }): AuditCommand {
  const subject = parseSubject(rest, v, ctx);
  if (v.studio && subject.kind !== 'named')
    throw usageError('audit --studio audits a TARGET (owner/repo or a package); the workspace, dependencies and connector audits run here.');
  const target =
    subject.kind === 'named'
      ? subject.text
      : subject.kind === 'connector'
        ? `connector ${subject.name ?? 'adhoc'}`
        : `${subject.kind === 'workspace' ? 'the workspace' : 'the dependencies of'} ${subject.dir}`;
  return {
    kind: 'audit',
    target,
    subject,
    failOn: parseFailOn(v['fail-on']),
    noModel: v['no-model'] === true,
    ...positive('--max-rounds', v['max-rounds'], 2, 200, 'maxRounds'),
    ...positive('--max-context-tokens', v['max-context-tokens'], 4_000, 10_000_000, 'maxContextTokens'),
    ...parseTemperature(v.temperature),
    allowWrites: v['allow-writes'] === true,
    provider: parseProvider(v.provider),
    model: nonEmpty('--model', v.model),
    baseUrl: parseBaseUrl(v['base-url']),
    connectors: parseConnectorList(v.connectors),
    out: nonEmpty('--out', v.out),
    format: parseFormat(v.format, v.json),
    transcript: nonEmpty('--transcript', v.transcript),
    ...parseStudio(v),
  };
}

function parseSubject(rest: readonly string[], v: AuditValues, ctx: AuditContext): AuditSubject {
  if (rest.length > 1) throw usageError(`audit takes one TARGET; unexpected "${rest[1]}".`);
  const given = rest[0]?.trim();
  if (rest.length && !given) throw usageError(`audit needs a TARGET (${TARGET_HINT}); it was empty.`);
  const named = [given !== undefined, v.dependencies !== undefined, v.connector !== undefined].filter(Boolean).length;
  if (named > 1) throw usageError('Give one of TARGET, --dependencies or --connector.');
  if ((v.dependencies !== undefined || (given === undefined && v.connector === undefined && ctx.workspace !== undefined)) && ctx.adhoc)
    throw usageError('--stdio and --url name a connector to audit; give them without --workspace or --dependencies.');
  if (v.dependencies !== undefined) {
    if (!v.dependencies.trim()) throw usageError('--dependencies takes a folder (default: the current one).');
    if (ctx.workspace !== undefined) throw usageError('Give either --dependencies DIR or --workspace DIR: --dependencies names the folder itself.');
    return { kind: 'dependencies', dir: v.dependencies };
  }
  if (v.connector !== undefined) {
    const name = v.connector.trim();
    if (!name) throw usageError('--connector needs a connector name (see "connectors list").');
    if (ctx.adhoc) throw usageError('Give either --connector NAME or --stdio/--url: the ad-hoc connector is the one audited.');
    return { kind: 'connector', name };
  }
  if (given !== undefined) {
    if (/\s/.test(given)) throw usageError(`The TARGET of audit is one word (${TARGET_HINT}), not "${given}".`);
    return { kind: 'named', text: given };
  }
  if (ctx.adhoc) return { kind: 'connector' };
  if (ctx.workspace !== undefined) return { kind: 'workspace', dir: ctx.workspace };
  throw usageError(`audit needs a TARGET (${TARGET_HINT}).`);
}

function positive<K extends 'maxRounds' | 'maxContextTokens'>(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  key: K,
): Partial<Record<K, number>> {
  if (value === undefined) return {};
  const n = Number(value.replace(/_/g, ''));
  if (!/^\d[\d_]*$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    throw usageError(`${flag} takes a whole number from ${min} to ${max}, not "${value}".`);
  return { [key]: n } as Partial<Record<K, number>>;
}

function parseTemperature(value: string | undefined): { temperature?: number } {
  if (value === undefined) return {};
  const t = Number(value);
  if (!value.trim() || !Number.isFinite(t) || t < 0 || t > 2) throw usageError(`--temperature takes a number from 0 to 2, not "${value}".`);
  return { temperature: t };
}

function parseFailOn(value: string | undefined): FailOn {
  if (value === undefined) return 'avoid';
  if (value === 'avoid' || value === 'caution' || value === 'never') return value;
  throw usageError(`--fail-on is avoid, caution or never, not "${value}".`);
}

function parseStudio(v: AuditValues): Pick<AuditCommand, 'studio'> {
  if (!v.studio) {
    if (v['studio-connector'] !== undefined) throw usageError('--studio-connector applies to audit --studio only.');
    if (v['no-web-search'] !== undefined) throw usageError('--no-web-search applies to audit --studio only.');
    return {};
  }
  // Studio mode always runs on Mistral: another provider or server cannot host its connectors.
  if (v.provider !== undefined && v.provider !== 'mistral') throw usageError('audit --studio runs on Mistral; --provider openai does not apply.');
  if (v['base-url'] !== undefined)
    throw usageError('audit --studio runs on Mistral (CONNECTOR_AUDITOR_MISTRAL_URL points it elsewhere); --base-url does not apply.');
  const names = v['studio-connector']?.map((n) => n.trim());
  if (names?.some((n) => !n)) throw usageError('--studio-connector needs a Studio connector name or id.');
  return { studio: { connectors: names ? [...new Set(names)] : undefined, webSearch: v['no-web-search'] !== true } };
}

function parseProvider(value: string | undefined): ProviderName | undefined {
  if (value === undefined) return undefined;
  if (value === 'mistral' || value === 'openai') return value;
  throw usageError(`--provider is mistral or openai, not "${value}".`);
}

function parseFormat(value: string | undefined, json: boolean): ReportFormat {
  if (value === undefined) return json ? 'json' : 'md';
  if (value !== 'md' && value !== 'json' && value !== 'sarif') throw usageError(`--format is md, json or sarif, not "${value}".`);
  if (json && value === 'sarif') throw usageError('Give either --json or --format sarif, not both.');
  if (json && value === 'md') throw usageError('Give either --json or --format md, not both.');
  return value;
}

function parseBaseUrl(value: string | undefined): string | undefined {
  const url = nonEmpty('--base-url', value);
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--base-url is not a URL: "${url}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw usageError(`--base-url must be an http or https URL, not "${url}".`);
  return url;
}

function parseConnectorList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const names = [
    ...new Set(
      value
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) throw usageError('--connectors takes connector names separated by commas, e.g. --connectors github,everything.');
  return names;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.trim()) throw usageError(`${flag} needs a value.`);
  return value.trim();
}
