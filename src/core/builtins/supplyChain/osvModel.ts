/**
 * The parts of OSV.dev's API we read (the OSV schema, https://ossf.github.io/osv-schema/). Every
 * field is optional: records come from many databases, and a missing field must not break a summary.
 */

export interface OsvPackage {
  ecosystem?: string;
  name?: string;
  purl?: string;
}

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  /** SEMVER, ECOSYSTEM or GIT. */
  type?: string;
  /** For GIT ranges: the repository the commits belong to. */
  repo?: string;
  events?: OsvEvent[];
}

export interface OsvSeverity {
  /** CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu … */
  type?: string;
  /** For CVSS types a vector string, not a number. */
  score?: string;
}

export interface OsvAffected {
  package?: OsvPackage;
  severity?: OsvSeverity[];
  ranges?: OsvRange[];
  versions?: string[];
  ecosystem_specific?: Record<string, unknown>;
  database_specific?: Record<string, unknown>;
}

export interface OsvReference {
  type?: string;
  url?: string;
}

export interface OsvVulnerability {
  id: string;
  schema_version?: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: OsvSeverity[];
  affected?: OsvAffected[];
  references?: OsvReference[];
  database_specific?: Record<string, unknown>;
}

/** One query to POST /v1/query, or one item of POST /v1/querybatch. */
export interface OsvQuery {
  package?: OsvPackage;
  version?: string;
  commit?: string;
  page_token?: string;
}

export interface OsvQueryResponse {
  vulns?: OsvVulnerability[];
  next_page_token?: string;
}

export interface OsvBatchResponse {
  /** In the order of the queries; each vuln carries only id and modified. */
  results?: Array<{ vulns?: Array<{ id: string; modified?: string }>; next_page_token?: string }>;
}
