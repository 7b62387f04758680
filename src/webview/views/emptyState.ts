import type { ChatHeader } from '../../protocol/chatItems';
import type { ViewContext } from '../context';

/**
 * What an empty chat offers: a short explanation, "Audit a repository…", the open workspace and
 * its dependencies (when a folder is open; these need no model), and example prompts.
 */

export const EXAMPLE_PROMPTS = [
  'Audit expressjs/express',
  'Is the npm package left-pad safe to adopt?',
  'Check modelcontextprotocol/typescript-sdk for maintenance risks',
];

export class EmptyStateView {
  readonly node: HTMLElement;
  private readonly workspace: HTMLElement;
  private readonly untrusted: HTMLElement;

  constructor(ctx: ViewContext, useExample: (prompt: string) => void) {
    const { dom, bridge } = ctx;
    const audit = dom.iconButton(
      'audit-repository primary',
      'search',
      'Audit a repository…',
      () => void bridge.request({ type: 'auditRepository' }),
      'Audit a repository…',
    );
    const scope = (className: string, icon: string, label: string, which: 'workspace' | 'dependencies') =>
      dom.iconButton(`${className} secondary`, icon, label, () => void bridge.request({ type: 'auditWorkspace', scope: which }), label);
    this.untrusted = dom.el('p', {
      class: 'workspace-untrusted',
      text: 'VS Code does not trust this workspace: its files are read all the same, and the report says so.',
    });
    this.workspace = dom.el('div', { class: 'workspace-audits' }, [
      dom.el('p', { class: 'examples-label', text: 'Or check the open folder (no model needed):' }),
      dom.el('div', { class: 'workspace-buttons' }, [
        scope('audit-workspace', 'folder', 'Audit this workspace', 'workspace'),
        scope('audit-dependencies', 'package', 'Audit my dependencies', 'dependencies'),
      ]),
      this.untrusted,
    ]);
    // Hidden until the host says a folder is open: the buttons would only fail without one.
    this.workspace.hidden = true;
    this.node = dom.el('div', { class: 'empty-state' }, [
      dom.icon('shield', 'empty-icon'),
      dom.el('h2', { text: 'Audit a repository or library' }),
      dom.el('p', {
        text: 'The auditor checks security, maintenance and code quality with your connectors, shows every tool call, and asks before any tool that needs your confirmation runs.',
      }),
      audit,
      this.workspace,
      dom.el('p', { class: 'examples-label', text: 'Or try:' }),
      dom.el(
        'ul',
        { class: 'examples' },
        EXAMPLE_PROMPTS.map((prompt) =>
          dom.el('li', {}, [dom.el('button', { class: 'example', text: prompt, attrs: { type: 'button' }, onClick: () => useExample(prompt) })]),
        ),
      ),
    ]);
  }

  update(header: ChatHeader): void {
    this.workspace.hidden = !header.workspace?.folder;
    this.untrusted.hidden = header.workspace?.trusted !== false;
  }
}
