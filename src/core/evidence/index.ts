/** The evidence engine's public surface (see engine.ts for the flow, rules.ts for the rules). */
export { runEngine, type EngineInput, type EngineResult } from './engine';
export { evidenceSchema, type Evidence } from './evidence';
export { connectorEvidenceSchema, type ConnectorEvidence } from './extractors/connector';
export { extractAll, extractOne, READ_TOOLS } from './extract';
export { RULES } from './rules';
export type { Rule, CheckStatus, TargetKind, Outcome } from './check';
export { boundVerdict, type BoundVerdict } from './bound';
export { parsePolicy, policySchema, DEFAULT_THRESHOLDS, type Policy, type PolicyParse } from './policy';
export { toReports, evidenceReportSchema, type EvidenceReport, type Reports } from './evidenceReport';
export { readResult } from './evidence';
export { describeRules } from './describeRules';
export { renderEvidenceMarkdown } from './evidenceMarkdown';
export { damerauLevenshtein } from './damerau';
export { lookAlike, normaliseName } from './typosquat';
export type { Signal, SignalId, SignalValues, Subject, EvidenceNote } from './signals';
export type { Confidence, CheckResult, HardCeiling } from './verdict';
