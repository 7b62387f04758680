import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderReportJson } from '../../src/core/audit/json';
import { renderReportMarkdown } from '../../src/core/audit/markdown';
import { escapeBlock, escapeInline, sourceLink } from '../../src/core/audit/markdownText';
import { undetermined, verdictOf } from '../../src/core/audit/outcome';
import type { AuditReport } from '../../src/core/audit/report';

const report: AuditReport = {
  target: 'acme/widgets',
  verdict: 'ADOPT WITH CAUTION',
  summary: 'Maintained, but one advisory is open.',
  findings: [
    { analysis: 'security', severity: 'low', claim: 'Uses eval in a build script.', sources: ['tool github__search_code'] },
    { analysis: 'security', severity: 'critical', claim: 'CVE-2099-1 is unpatched.', sources: ['https://example.test/advisories/1'] },
    { analysis: 'quality', severity: 'info', claim: 'MIT licence.', sources: ['https://example.test/LICENSE'] },
  ],
};

describe('report rendering', () => {
  it('renders verdict, summary and findings grouped by analysis, most severe first, sources as links', () => {
    const md = renderReportMarkdown({ kind: 'report', report });
    assert.match(md, /^# Audit of acme\/widgets\n\n\*\*Verdict: ADOPT WITH CAUTION\*\*\n\nMaintained, but one advisory is open\.\n/);
    const security = md.indexOf('## Security');
    const maintenance = md.indexOf('## Maintenance and community health');
    const quality = md.indexOf('## Code quality and licence');
    assert.ok(security < maintenance && maintenance < quality);
    assert.ok(md.indexOf('**CRITICAL**') < md.indexOf('**LOW**'), 'critical before low');
    assert.match(md.slice(maintenance, quality), /_No findings\._/);
    assert.match(md, /Sources: \[https:\/\/example\.test\/advisories\/1\]\(https:\/\/example\.test\/advisories\/1\)/);
    assert.match(md, /Sources: tool github\\_\\_search\\_code/);
  });

  it('neutralises HTML, links, images and headings in model text', () => {
    const hostile: AuditReport = {
      target: '<img src=x onerror=alert(1)>',
      verdict: 'AVOID',
      summary: '# Injected heading\n<script>alert(1)</script>\n![pixel](http://tracker.test/p.png)',
      findings: [
        {
          analysis: 'security',
          severity: 'high',
          claim: 'See [here](javascript:alert(1)) <b>now</b>\n- fake item',
          sources: ['javascript:alert(1)', 'https://ok.test/a_(b)?q=<x>', 'data:text/html,<script>'],
        },
      ],
    };
    const md = renderReportMarkdown({ kind: 'report', report: hostile });
    assert.doesNotMatch(md, /<(img|script|b)\b/i, 'no raw tag survives');
    assert.doesNotMatch(md, /(?<!\\)\]\(javascript:/i, 'no javascript: link (the bracket is escaped)');
    assert.doesNotMatch(md, /(?<!\\)\]\(data:/i, 'no data: link');
    assert.doesNotMatch(md, /!\[/, 'no image (its bracket is escaped)');
    assert.match(md, /^\\# Injected heading/m, 'a heading in the summary stays text');
    assert.match(md, /\(https:\/\/ok\.test\/a_%28b%29\?q=%3Cx%3E\)/, 'URL parentheses and brackets are encoded');
    assert.equal(md.split('\n').filter((l) => l.startsWith('- ')).length, 1, 'a newline in a claim does not add a list item');
  });

  it('escapes the pieces on their own', () => {
    assert.equal(escapeInline('a *b* _c_ `d` [e](f) <g> & h'), 'a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) &lt;g&gt; &amp; h');
    assert.equal(escapeInline('1. not a list'), '1\\. not a list');
    assert.equal(escapeInline('12) not a list either'), '12\\) not a list either');
    assert.equal(escapeBlock('one\ntwo\n\n> quote'), 'one  \ntwo\n\n&gt; quote');
    assert.equal(sourceLink('see the README'), 'see the README');
  });

  it('says UNDETERMINED without a verdict and shows the last answer only as context', () => {
    const outcome = undetermined('acme/widgets', 'no-verdict', undefined, 'I think it is <b>fine</b>.');
    assert.equal(verdictOf(outcome), 'UNDETERMINED');
    const md = renderReportMarkdown(outcome);
    assert.match(md, /\*\*Verdict: UNDETERMINED\*\*/);
    assert.match(md, /The verdict is undetermined: the model finished without submitting a report, even after a reminder\./);
    assert.match(md, /last answer \(not a verdict\)[\s\S]*I think it is &lt;b&gt;fine&lt;\/b&gt;\./);
    const json = JSON.parse(renderReportJson(outcome));
    assert.equal(json.verdict, 'UNDETERMINED');
    assert.equal(json.reason, 'no-verdict');
    assert.deepEqual(json.findings, []);
  });

  it('renders JSON as the AuditReport itself', () => {
    assert.deepEqual(JSON.parse(renderReportJson({ kind: 'report', report })), report);
  });
});
