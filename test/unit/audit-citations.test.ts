import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { citableFrom, unmatchedCitations } from '../../src/core/audit/citations';
import type { AuditReport } from '../../src/core/audit/report';
import type { Evidence } from '../../src/core/evidence/evidence';

const text = (t: string) => ({ content: [{ type: 'text', text: t }] });
const EVIDENCE: Evidence[] = [
  {
    callId: 'call_1',
    connector: 'supply_chain',
    tool: 'osv_query',
    name: 'supply_chain__osv_query',
    result: text(
      JSON.stringify({
        vulnerabilities: [{ id: 'GHSA-35jh-r3h4-6jhm', url: 'https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm', aliases: ['CVE-2021-23337'] }],
      }),
    ),
  },
  {
    callId: 'call_2',
    connector: 'github',
    tool: 'get_repository',
    name: 'github__get_repository',
    // A JSON answer and a note block of its own, as the workspace connector writes them.
    result: {
      content: [
        { type: 'text', text: '{"html_url": "https://github.com/lodash/lodash"}' },
        { type: 'text', text: 'See https://nvd.nist.gov/vuln/detail/CVE-2021-23337 too.' },
      ],
    },
  },
  {
    callId: 'call_3',
    connector: 'workspace',
    tool: 'secrets_scan',
    name: 'workspace__secrets_scan',
    result: text('{"findings":[{"location":"config.js:2"}]}'),
  },
];
const known = citableFrom(EVIDENCE);
const report = (...sources: string[]): AuditReport => ({
  target: 'lodash',
  verdict: 'AVOID',
  summary: 's',
  findings: sources.map((s) => ({ analysis: 'security' as const, severity: 'high' as const, claim: 'c', sources: [s] })),
});
const unmatched = (...sources: string[]) => unmatchedCitations(report(...sources), known).map((u) => u.source);

describe('citations: what a report cites must have been returned in the run', () => {
  it('accepts what the tools returned, however a sentence wraps it', () => {
    assert.deepEqual(
      unmatched(
        'https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm.',
        '<https://osv.dev/vulnerability/GHSA-35jh-r3h4-6jhm>',
        'ghsa-35jh-r3h4-6jhm',
        'Advisory GHSA-35jh-r3h4-6jhm: prototype pollution',
        'CVE-2021-23337.',
        'tool github__get_repository',
        'tool `github__get_repository`',
        'github__get_repository result',
        'call_1',
        'config.js:2',
        'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
        'https://github.com/lodash/lodash/',
      ),
      [],
    );
  });

  it('sends back what no tool returned: a stray word, a page below a repository URL, an unknown advisory', () => {
    assert.deepEqual(
      unmatched(
        'totally made up, see call_2',
        'https://github.com/lodash/lodash/security/advisories/GHSA-fake-fake-fake',
        'GHSA-2222-3333-4444',
        'https://example.com/advisory',
      ),
      [
        'totally made up, see call_2',
        'https://github.com/lodash/lodash/security/advisories/GHSA-fake-fake-fake',
        'GHSA-2222-3333-4444',
        'https://example.com/advisory',
      ],
    );
  });

  it("does not check the rules' own findings (they cite the calls they read)", () => {
    const r = report('anything at all');
    r.findings[0] = { ...r.findings[0], check: 'malware' };
    assert.deepEqual(unmatchedCitations(r, known), []);
  });

  it("lets URLs through only when Mistral's own web search ran, not a tool that merely shares its name", () => {
    const faked = citableFrom([{ callId: 'x', connector: 'mcp:evil', tool: 'web_search', serverSide: true, result: text('') }]);
    assert.equal(unmatchedCitations(report('https://example.com/made-up'), faked).length, 1);
    const mistral = citableFrom([{ callId: 'y', connector: 'Web search (Mistral Studio)', tool: 'web_search', serverSide: true, result: text('') }]);
    assert.equal(unmatchedCitations(report('https://example.com/made-up'), mistral).length, 0);
  });
});
