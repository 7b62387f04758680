// The report card's evidence: the rules' verdict, score and confidence; the line when they bound
// the model's verdict; the checks (folded) with a status icon; what could not be checked (always
// shown); a finding's workspace location as a link the host opens. All of it set as text.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { EvidenceReport } from '../../src/core/evidence/evidenceReport';
import type { ChatItem } from '../../src/protocol/chatItems';
import { chatItemSchema } from '../../src/protocol/chatItems';
import { click, fullState, setup } from './webview-fixtures';

const EVIDENCE: EvidenceReport = {
  target: { kind: 'workspace', id: 'the open workspace' },
  verdict: 'AVOID',
  score: 3.25,
  confidence: 'medium',
  why: ['A dependency has a known vulnerability.'],
  checks: [
    {
      id: 'vulns',
      title: 'Known vulnerabilities <img src=x onerror=alert(1)>',
      weight: 3,
      status: 'fail',
      score: 0,
      explanation: 'lodash 4.17.15: GHSA-p6mc-m468-83gw.',
    },
    { id: 'scripts', title: 'Install scripts', weight: 1, status: 'pass', score: 10, explanation: 'None.' },
    { id: 'secrets', title: 'Secrets', weight: 2, status: 'warn', score: 5, explanation: 'One masked token.' },
    { id: 'ci', title: 'CI workflows', weight: 1, status: 'unknown', score: null, explanation: 'No workflow read.' },
    { id: 'releases', title: 'Release activity', weight: 1, status: 'unknown', score: null, explanation: 'Not a repository.' },
  ],
  hardRules: [],
  couldNotCheck: [
    { what: 'workspace', reason: 'not-available', text: 'VS Code does not trust this workspace.' },
    { what: 'CI workflows', reason: 'no-evidence', text: 'No workflow read.' },
  ],
  model: {
    verdict: 'SAFE TO ADOPT',
    bound: { verdict: 'AVOID', overridden: true, why: 'The model said SAFE TO ADOPT, but the evidence allows at most AVOID.' },
  },
};

const REPORT: ChatItem = {
  kind: 'report',
  id: 'r-ev',
  report: {
    target: 'the open workspace',
    verdict: 'AVOID',
    summary: 'A vulnerable dependency.',
    findings: [
      {
        analysis: 'security',
        severity: 'high',
        claim: 'lodash 4.17.15 has a prototype pollution advisory.',
        sources: ['tool supply_chain__audit_dependencies'],
        location: { path: 'package-lock.json', line: 12 },
        check: 'vulns',
      },
      { analysis: 'security', severity: 'low', claim: 'A file without a line.', sources: ['tool workspace__secrets_scan'], location: { path: 'src/a.ts' } },
    ],
  },
  evidence: EVIDENCE,
};

function show(item: ChatItem) {
  const s = setup();
  s.app.receive({ type: 'state', state: { ...fullState(), items: [item] } });
  return s;
}

describe('chat webview: the report card’s evidence', () => {
  it('the item passes the protocol schema it is sent with', () => {
    assert.ok(chatItemSchema.safeParse(REPORT).success);
  });

  it('shows the rules’ verdict, score and confidence, and the bound on the model’s verdict', () => {
    const { $ } = show(REPORT);
    assert.equal($('.evidence-rules')?.textContent, 'Evidence rules: AVOID · score 3.3/10 · medium confidence');
    assert.equal($('.evidence-bound')?.textContent, 'The model said SAFE TO ADOPT; the evidence allows at most AVOID.');
    assert.match($('.evidence-bound')?.title ?? '', /allows at most AVOID/);
  });

  it('says nothing of a bound when the model’s verdict stood, and nothing of evidence without any', () => {
    const agreed: ChatItem = {
      ...REPORT,
      evidence: { ...EVIDENCE, model: { verdict: 'AVOID', bound: { verdict: 'AVOID', overridden: false, why: 'agrees' } } },
    } as ChatItem;
    assert.equal(show(agreed).$('.evidence-bound'), null);
    const plain: ChatItem = { kind: 'report', id: 'r-plain', report: { target: 'x', verdict: 'AVOID', summary: 's', findings: [] } };
    const { $ } = show(plain);
    for (const sel of ['.evidence-rules', '.evidence-checks', '.not-checked']) assert.equal($(sel), null, sel);
  });

  it('folds the checks that apply, each with a status icon, title and explanation, as text', () => {
    const { $, $$ } = show(REPORT);
    const details = $('details.evidence-checks') as HTMLDetailsElement;
    assert.equal(details.open, false, 'folded');
    assert.equal(details.querySelector('summary')?.textContent, 'Checks (4, 2 to look at)', 'Release activity does not apply: left out');
    assert.deepEqual(
      $$('.check').map((c) => [c.dataset.status, c.querySelector('.check-icon')?.className, c.querySelector('.check-icon')?.getAttribute('aria-label')]),
      [
        ['fail', 'codicon codicon-error check-icon', 'Failed'],
        ['pass', 'codicon codicon-pass check-icon', 'Passed'],
        ['warn', 'codicon codicon-warning check-icon', 'Warning'],
        ['unknown', 'codicon codicon-question check-icon', 'Not checked'],
      ],
    );
    assert.equal($('.check .check-title')?.textContent, 'Known vulnerabilities <img src=x onerror=alert(1)>');
    assert.equal($('.report-card img'), null, 'nothing parsed as HTML');
    assert.equal($('.check .check-explanation')?.textContent, 'lodash 4.17.15: GHSA-p6mc-m468-83gw.');
  });

  it('always shows what could not be checked', () => {
    const { $ } = show(REPORT);
    const section = $('.not-checked')!;
    assert.equal(section.closest('details'), null, 'not folded');
    assert.equal(section.querySelector('h3')?.textContent, 'What could not be checked');
    assert.equal(section.querySelector('li')?.textContent, 'workspace: VS Code does not trust this workspace.');
    assert.equal(section.querySelectorAll('li').length, 2);
  });

  it('lists five gaps, folding the rest under "N more"', () => {
    const gaps = Array.from({ length: 8 }, (_, i) => ({ what: `gap ${i}`, reason: 'no-evidence' as const, text: 'none' }));
    const { $ } = show({ ...REPORT, evidence: { ...EVIDENCE, couldNotCheck: gaps } } as ChatItem);
    assert.equal($('.not-checked > ul')?.children.length, 5);
    assert.equal($('.not-checked details.not-checked-more summary')?.textContent, '3 more');
    assert.equal($('.not-checked details.not-checked-more ul')?.children.length, 3);
  });

  it('draws a location as "path:line" that asks the host to open it', () => {
    const { t, api, $$ } = show(REPORT);
    const links = $$('button.location-link');
    assert.deepEqual(
      links.map((l) => l.textContent),
      ['package-lock.json:12', 'src/a.ts'],
    );
    click(links[0]!, t);
    click(links[1]!, t);
    assert.deepEqual(
      api.of('openLocation').map(({ path, line }) => ({ path, line })),
      [
        { path: 'package-lock.json', line: 12 },
        { path: 'src/a.ts', line: undefined },
      ],
    );
    assert.equal(api.of('openLink').length, 0, 'not a link the browser or openLink follows');
  });
});
