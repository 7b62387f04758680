import type { ChatItem, ErrorItem, Fix } from '../../protocol/chatItems';
import type { ViewContext } from '../context';
import type { ItemView } from './itemView';

/**
 * The items drawn as plain text: the person's message, notices, errors with their fixes, and a
 * run without a verdict. A newer version of one of these is simply drawn anew.
 */

class StaticView implements ItemView {
  constructor(readonly node: HTMLElement) {}
  update(): boolean {
    return false;
  }
}

export function userView(ctx: ViewContext, item: Extract<ChatItem, { kind: 'user' }>): ItemView {
  const { dom } = ctx;
  return new StaticView(
    dom.el('div', { class: 'message user', attrs: { 'data-id': item.id } }, [
      dom.el('div', { class: 'message-role', text: 'You' }),
      dom.el('div', { class: 'message-body plain-text', text: item.text }),
    ]),
  );
}

export function noticeView(ctx: ViewContext, item: Extract<ChatItem, { kind: 'notice' }>): ItemView {
  const { dom } = ctx;
  const fixes = fixButtons(ctx, item.id, item.fixes ?? []);
  return new StaticView(
    dom.el('div', { class: 'notice', attrs: { 'data-id': item.id } }, [
      dom.icon('info'),
      dom.el('div', { class: 'notice-content' }, [
        dom.el('span', { class: 'notice-text', text: item.text }),
        fixes.length > 0 && dom.el('div', { class: 'fixes' }, fixes),
      ]),
    ]),
  );
}

/** The webview only names a fix; the host finds its action in its own copy of the chat. */
function fixButtons(ctx: ViewContext, itemId: string, fixes: readonly Fix[]): HTMLButtonElement[] {
  const { dom, bridge } = ctx;
  return fixes.map((fix) =>
    dom.el('button', {
      class: 'fix',
      text: fix.label,
      attrs: { type: 'button', 'data-fix-id': fix.id },
      onClick: () => void bridge.request({ type: 'runFix', itemId, fixId: fix.id }),
    }),
  );
}

export function errorView(ctx: ViewContext, item: ErrorItem): ItemView {
  const { dom } = ctx;
  const fixes = fixButtons(ctx, item.id, item.fixes);
  return new StaticView(
    dom.el('div', { class: 'error-item', attrs: { 'data-id': item.id } }, [
      dom.icon('error', 'error-icon'),
      dom.el('div', { class: 'error-content' }, [
        dom.el('div', { class: 'error-text', text: item.text }),
        fixes.length > 0 && dom.el('div', { class: 'fixes' }, fixes),
      ]),
    ]),
  );
}

export function undeterminedView(ctx: ViewContext, item: Extract<ChatItem, { kind: 'undetermined' }>): ItemView {
  const { dom } = ctx;
  return new StaticView(
    dom.el('article', { class: 'undetermined', attrs: { 'data-id': item.id, 'aria-label': 'No verdict' } }, [
      dom.el('div', { class: 'report-head' }, [
        dom.el('span', { class: 'verdict-badge', attrs: { 'data-verdict': 'UNDETERMINED' } }, [dom.icon('question'), dom.el('span', { text: 'NO VERDICT' })]),
        dom.el('h2', { class: 'report-target' }, ['Audit of ', dom.el('span', { class: 'target', text: item.target })]),
      ]),
      dom.el('p', { class: 'undetermined-text', text: item.text }),
    ]),
  );
}
