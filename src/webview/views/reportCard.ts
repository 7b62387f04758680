import { ANALYSES, SEVERITIES, type Analysis, type Finding, type Verdict } from '../../core/audit/report';
import type { EvidenceReport } from '../../core/evidence/evidenceReport';
import type { ChatItem, ReportItem } from '../../protocol/chatItems';
import type { ViewContext } from '../context';
import { linkTooltip } from '../linkTooltip';
import { isAllowedHref } from '../markdown/render';
import type { ItemView } from './itemView';

/**
 * The audit's outcome as a card: verdict badge, target, the evidence rules' verdict (and the bound
 * they put on the model's), summary, findings grouped by analysis and sorted most severe first,
 * sources as links (http(s) only) or as literal text, a workspace location as a link the host
 * opens in the editor, the rules' checks (folded), what could not be checked (always shown), and
 * the two report actions. All text is set as text: nothing in a report is parsed as HTML or Markdown.
 */

const ANALYSIS_TITLES: Record<Analysis, string> = {
  security: 'Security',
  maintenance: 'Maintenance and community health',
  quality: 'Code quality and licence',
};

const VERDICT_ICONS: Record<Verdict, string> = {
  'SAFE TO ADOPT': 'pass-filled',
  'ADOPT WITH CAUTION': 'warning',
  AVOID: 'error',
};

export class ReportCardView implements ItemView {
  readonly node: HTMLElement;

  constructor(ctx: ViewContext, item: ReportItem) {
    const { dom, bridge } = ctx;
    const { report } = item;
    const groups = ANALYSES.map((analysis) => {
      const findings = report.findings.filter((f) => f.analysis === analysis).sort(bySeverity);
      return dom.el('section', { class: 'findings-group', attrs: { 'data-analysis': analysis } }, [
        dom.el('h3', { text: ANALYSIS_TITLES[analysis] }),
        findings.length === 0
          ? dom.el('p', { class: 'no-findings', text: 'No findings.' })
          : dom.el(
              'ul',
              { class: 'findings' },
              findings.map((f) => this.finding(ctx, f)),
            ),
      ]);
    });
    const actions = dom.el('div', { class: 'report-actions' }, [
      dom.iconButton('open-report', 'markdown', 'Open as Markdown', () => void bridge.request({ type: 'openReport', itemId: item.id }), 'Open as Markdown'),
      dom.iconButton('save-report secondary', 'save', 'Save Report…', () => void bridge.request({ type: 'saveReport', itemId: item.id }), 'Save Report…'),
    ]);
    this.node = dom.el(
      'article',
      { class: 'report-card', attrs: { 'data-id': item.id, 'data-verdict': report.verdict, 'aria-label': `Audit report: ${report.verdict}` } },
      [
        dom.el('div', { class: 'report-head' }, [
          dom.el('span', { class: 'verdict-badge', attrs: { 'data-verdict': report.verdict } }, [
            dom.icon(VERDICT_ICONS[report.verdict]),
            dom.el('span', { text: report.verdict }),
          ]),
          dom.el('h2', { class: 'report-target' }, ['Audit of ', dom.el('span', { class: 'target', text: report.target })]),
        ]),
        item.evidence && rulesLine(ctx, item.evidence),
        item.evidence && boundLine(ctx, item.evidence),
        dom.el('p', { class: 'report-summary', text: report.summary }),
        ...groups,
        item.evidence && checksList(ctx, item.evidence),
        item.evidence && notChecked(ctx, item.evidence),
        actions,
      ],
    );
  }

  update(_item: ChatItem): boolean {
    // A report does not change once submitted; a new version is simply drawn anew.
    return false;
  }

  private finding(ctx: ViewContext, f: Finding): HTMLElement {
    const { dom } = ctx;
    const sources: Node[] = [];
    f.sources.forEach((source, i) => {
      if (i > 0) sources.push(dom.doc.createTextNode(', '));
      sources.push(sourceNode(ctx, source));
    });
    return dom.el('li', { class: f.location ? 'finding has-location' : 'finding', attrs: { 'data-severity': f.severity } }, [
      dom.el('span', { class: 'severity-tag', text: f.severity.toUpperCase(), attrs: { 'data-severity': f.severity } }),
      dom.el('span', { class: 'finding-claim', text: f.claim }),
      f.location && dom.el('div', { class: 'finding-location' }, [dom.el('span', { class: 'sources-label', text: 'At: ' }), locationLink(ctx, f.location)]),
      dom.el('div', { class: 'finding-sources' }, [dom.el('span', { class: 'sources-label', text: 'Sources: ' }), ...sources]),
    ]);
  }
}

const CHECK_ICONS: Record<EvidenceReport['checks'][number]['status'], string> = {
  pass: 'pass',
  warn: 'warning',
  fail: 'error',
  unknown: 'question',
};

const CHECK_STATUS_WORDS: Record<EvidenceReport['checks'][number]['status'], string> = {
  pass: 'Passed',
  warn: 'Warning',
  fail: 'Failed',
  unknown: 'Not checked',
};

/** The rules' own verdict, score and confidence: what the evidence supports, with or without a model. */
function rulesLine(ctx: ViewContext, evidence: EvidenceReport): HTMLElement {
  const { dom } = ctx;
  const score = evidence.score === null ? 'no score' : `score ${formatScore(evidence.score)}/10`;
  return dom.el('p', { class: 'evidence-rules', attrs: { 'data-verdict': evidence.verdict } }, [
    dom.icon('law'),
    dom.el('span', { text: 'Evidence rules: ' }),
    dom.el('strong', { class: 'evidence-verdict', text: evidence.verdict }),
    dom.el('span', { class: 'evidence-score', text: ` · ${score} · ${evidence.confidence} confidence` }),
  ]);
}

/** Said only when the rules lowered the model's verdict: both verdicts, and why in the tooltip. */
function boundLine(ctx: ViewContext, evidence: EvidenceReport): HTMLElement | undefined {
  const model = evidence.model;
  if (!model?.bound.overridden) return undefined;
  return ctx.dom.el('p', { class: 'evidence-bound', title: model.bound.why }, [
    ctx.dom.icon('arrow-down'),
    ctx.dom.el('span', { text: `The model said ${model.verdict}; the evidence allows at most ${evidence.verdict}.` }),
  ]);
}

function checksList(ctx: ViewContext, evidence: EvidenceReport): HTMLElement | undefined {
  const { dom } = ctx;
  // Every rule is listed, also those about other kinds of target (a repository's releases in a
  // workspace audit): an unknown check counts only when "could not be checked" names it.
  const missing = new Set(evidence.couldNotCheck.map((n) => n.what));
  const checks = evidence.checks.filter((c) => c.status !== 'unknown' || missing.has(c.title));
  if (checks.length === 0) return undefined;
  const failing = checks.filter((c) => c.status === 'fail' || c.status === 'warn').length;
  return dom.el('details', { class: 'evidence-checks' }, [
    dom.el('summary', { text: `Checks (${checks.length}${failing ? `, ${failing} to look at` : ''})` }),
    dom.el(
      'ul',
      { class: 'checks' },
      checks.map((c) =>
        dom.el('li', { class: 'check', attrs: { 'data-status': c.status, 'data-check': c.id } }, [
          dom.el('span', {
            class: `codicon codicon-${CHECK_ICONS[c.status]} check-icon`,
            title: CHECK_STATUS_WORDS[c.status],
            attrs: { role: 'img', 'aria-label': CHECK_STATUS_WORDS[c.status] },
          }),
          dom.el('span', { class: 'check-title', text: c.title }),
          dom.el('span', { class: 'check-explanation', text: c.explanation }),
        ]),
      ),
    ),
  ]);
}

/** How many gaps are listed before the rest fold away (a repository audit without GitHub lists a dozen). */
const GAPS_SHOWN = 5;

/** Never folded away entirely: a verdict reached without some evidence must say which. */
function notChecked(ctx: ViewContext, evidence: EvidenceReport): HTMLElement | undefined {
  const { dom } = ctx;
  if (evidence.couldNotCheck.length === 0) return undefined;
  const item = (n: EvidenceReport['couldNotCheck'][number]) =>
    dom.el('li', {}, [dom.el('span', { class: 'not-checked-what', text: n.what }), ': ', dom.el('span', { text: n.text })]);
  const shown = evidence.couldNotCheck.slice(0, GAPS_SHOWN);
  const rest = evidence.couldNotCheck.slice(GAPS_SHOWN);
  return dom.el('section', { class: 'not-checked' }, [
    dom.el('h3', {}, [dom.icon('circle-slash'), dom.el('span', { text: 'What could not be checked' })]),
    dom.el('ul', {}, shown.map(item)),
    rest.length > 0 && dom.el('details', { class: 'not-checked-more' }, [dom.el('summary', { text: `${rest.length} more` }), dom.el('ul', {}, rest.map(item))]),
  ]);
}

/** "path:line" as a link; the host opens it only inside a workspace folder (openLocation.ts). */
function locationLink(ctx: ViewContext, location: { path: string; line?: number }): HTMLElement {
  const label = location.line === undefined ? location.path : `${location.path}:${location.line}`;
  return ctx.dom.el('button', {
    class: 'location-link',
    text: label,
    title: `Open ${label} in the editor`,
    attrs: { type: 'button' },
    onClick: () => void ctx.bridge.request({ type: 'openLocation', path: location.path, ...(location.line === undefined ? {} : { line: location.line }) }),
  });
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}

/** An http(s) source is a link (opened by the host, see links.ts); anything else is code text. */
function sourceNode(ctx: ViewContext, source: string): HTMLElement {
  const trimmed = source.trim();
  if (/^https?:/i.test(trimmed) && isAllowedHref(trimmed)) {
    const href = new URL(trimmed).href;
    // The label is the model's text and may differ from href (an IDN, "user@host"): the tooltip says where it goes.
    return ctx.dom.el('a', { class: 'source-link', text: trimmed, title: linkTooltip(href), attrs: { href } });
  }
  return ctx.dom.el('code', { class: 'source-text', text: trimmed });
}

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity);
}
