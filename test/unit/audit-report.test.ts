import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { auditReportJsonSchema, parseAuditReport, type AuditReport } from '../../src/core/audit/report';
import { checkSubmission, submitReportTool, SUBMIT_REPORT_TOOL } from '../../src/core/agent/submitReportTool';

const sampleReport: AuditReport = {
  target: 'acme/widgets',
  verdict: 'ADOPT WITH CAUTION',
  summary: 'Maintained, but one advisory is open.',
  findings: [
    { analysis: 'security', severity: 'high', claim: 'CVE-2099-1 is unpatched.', sources: ['https://example.test/advisories/1'] },
    { analysis: 'maintenance', severity: 'info', claim: 'Weekly releases.', sources: ['tool github__list_releases'] },
  ],
};

describe('AuditReport schema', () => {
  it('accepts a complete report', () => {
    const parsed = parseAuditReport(sampleReport);
    assert.equal(parsed.ok, true);
  });

  it('names every bad field, including unknown keys (strict)', () => {
    const parsed = parseAuditReport({
      target: 'x',
      verdict: 'PROBABLY FINE',
      summary: '',
      findings: [{ analysis: 'security', severity: 'severe', claim: 'c', sources: [], extra: 1 }],
      confidence: 0.9,
    });
    assert.equal(parsed.ok, false);
    const problems = parsed.ok ? [] : parsed.problems.join('\n');
    assert.match(String(problems), /^verdict: Invalid option: expected one of "SAFE TO ADOPT"\|"ADOPT WITH CAUTION"\|"AVOID"/m);
    assert.match(String(problems), /^summary: /m);
    assert.match(String(problems), /^findings\[0\]\.severity: /m);
    assert.match(String(problems), /^findings\[0\]\.sources: .*>=1 items/m);
    assert.match(String(problems), /^findings\[0\]: Unrecognized key: "extra"/m);
    assert.match(String(problems), /^\(the report object\): Unrecognized key: "confidence"/m);
  });

  it("is the submit tool's parameters as JSON Schema, without $schema", () => {
    const schema = auditReportJsonSchema();
    assert.equal(schema.$schema, undefined);
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['target', 'verdict', 'summary', 'findings']);
    const props = schema.properties as Record<string, { enum?: string[] }>;
    assert.deepEqual(props.verdict.enum, ['SAFE TO ADOPT', 'ADOPT WITH CAUTION', 'AVOID']);
    const tool = submitReportTool();
    assert.equal(tool.name, SUBMIT_REPORT_TOOL);
    assert.deepEqual(tool.parameters, schema);
  });

  it('answers a bad submission with the fields to fix', () => {
    const bad = checkSubmission('{"target":"x"}');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.message, /Fix these fields[\s\S]*- verdict:[\s\S]*- summary:[\s\S]*- findings:/);
    const broken = checkSubmission('{"target":');
    assert.match(broken.ok ? '' : broken.message, /not valid JSON/);
    const good = checkSubmission(JSON.stringify(sampleReport));
    assert.equal(good.ok, true);
  });
});
