import { ANALYSES, SEVERITIES, type Analysis, type Finding, type Verdict } from '../../core/audit/report';
import type { ChatItem, ReportItem } from '../../protocol/chatItems';
import type { ViewContext } from '../context';
import { linkTooltip } from '../linkTooltip';
import { isAllowedHref } from '../markdown/render';
import type { ItemView } from './itemView';

/**
 * The audit's outcome as a card: verdict badge, target, summary, findings grouped by analysis and
 * sorted most severe first, sources as links (http(s) only) or as literal text, and the two
 * report actions. All model text is set as text: nothing in a report is parsed as HTML or Markdown.
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
        dom.el('p', { class: 'report-summary', text: report.summary }),
        ...groups,
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
    return dom.el('li', { class: 'finding', attrs: { 'data-severity': f.severity } }, [
      dom.el('span', { class: 'severity-tag', text: f.severity.toUpperCase(), attrs: { 'data-severity': f.severity } }),
      dom.el('span', { class: 'finding-claim', text: f.claim }),
      dom.el('div', { class: 'finding-sources' }, [dom.el('span', { class: 'sources-label', text: 'Sources: ' }), ...sources]),
    ]);
  }
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
