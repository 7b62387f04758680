/**
 * The parts of the deps.dev v3 API we read (JSON over HTTP, fields in camelCase, enums as their
 * names: "NPM", "DIRECT", "SOURCE_REPO"). All optional, as with any answer we did not write.
 */

export interface DdVersionKey {
  system?: string;
  name?: string;
  version?: string;
}

export interface DdPackage {
  packageKey?: { system?: string; name?: string };
  versions?: Array<{ versionKey?: DdVersionKey; publishedAt?: string; isDefault?: boolean; isDeprecated?: boolean }>;
}

export interface DdLink {
  /** SOURCE_REPO, HOMEPAGE, ISSUE_TRACKER, ORIGIN … */
  label?: string;
  url?: string;
}

export interface DdSlsaProvenance {
  sourceRepository?: string;
  commit?: string;
  url?: string;
  verified?: boolean;
}

export interface DdAttestation {
  type?: string;
  url?: string;
  verified?: boolean;
  sourceRepository?: string;
  commit?: string;
}

export interface DdRelatedProject {
  projectKey?: { id?: string };
  /** SLSA_ATTESTATION, GO_ORIGIN, PYPI_PUBLISH_ATTESTATION, UNVERIFIED_METADATA … */
  relationProvenance?: string;
  /** SOURCE_REPO, ISSUE_TRACKER … */
  relationType?: string;
}

export interface DdVersion {
  versionKey?: DdVersionKey;
  publishedAt?: string;
  isDefault?: boolean;
  isDeprecated?: boolean;
  deprecatedReason?: string;
  licenses?: string[];
  advisoryKeys?: Array<{ id?: string }>;
  links?: DdLink[];
  slsaProvenances?: DdSlsaProvenance[];
  attestations?: DdAttestation[];
  registries?: string[];
  relatedProjects?: DdRelatedProject[];
}

export interface DdNode {
  versionKey?: DdVersionKey;
  bundled?: boolean;
  /** SELF, DIRECT or INDIRECT. */
  relation?: string;
  errors?: string[];
}

export interface DdDependencies {
  /** The first node is the package version itself. */
  nodes?: DdNode[];
  /** Indexes into nodes; an index of 0 may be left out of the JSON, as protobuf omits defaults. */
  edges?: Array<{ fromNode?: number; toNode?: number; requirement?: string }>;
  error?: string;
}

export interface DdAdvisory {
  advisoryKey?: { id?: string };
  url?: string;
  title?: string;
  aliases?: string[];
  cvss3Score?: number;
  cvss3Vector?: string;
}
