import { usageError } from './exitCodes';

/**
 * The options of `audit TARGET` and their checks. Kept apart from args.ts, which routes them:
 * they mean nothing to the other commands, and are refused there.
 */

export type ProviderName = 'mistral' | 'openai';
export type ReportFormat = 'md' | 'json';

export interface AuditCommand {
  kind: 'audit';
  /** `owner/repo`, a repository URL or a package name, passed to the auditor as given. */
  target: string;
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
  json: boolean;
}

type AuditOptionName = keyof typeof AUDIT_OPTIONS;
const AUDIT_OPTION_NAMES = Object.keys(AUDIT_OPTIONS) as AuditOptionName[];

/** Refuses audit options on other commands ("--provider applies to audit only."). */
export function refuseAuditOptions(v: AuditValues): void {
  const given = AUDIT_OPTION_NAMES.find((name) => v[name] !== undefined);
  if (given) throw usageError(`--${given} applies to audit only.`);
}

const TARGET_HINT = 'owner/repo, a repository URL or a package name';

export function parseAuditCommand(rest: readonly string[], v: AuditValues): AuditCommand {
  if (rest.length === 0) throw usageError(`audit needs a TARGET (${TARGET_HINT}).`);
  if (rest.length > 1) throw usageError(`audit takes one TARGET; unexpected "${rest[1]}".`);
  const target = rest[0].trim();
  if (!target) throw usageError(`audit needs a TARGET (${TARGET_HINT}); it was empty.`);
  if (/\s/.test(target)) throw usageError(`The TARGET of audit is one word (${TARGET_HINT}), not "${target}".`);

  return {
    kind: 'audit',
    target,
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
  if (value !== 'md' && value !== 'json') throw usageError(`--format is md or json, not "${value}".`);
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
