import type { ViewContext } from '../context';

/** What an empty chat offers: a short explanation, "Audit a repository…" and example prompts. */

export const EXAMPLE_PROMPTS = [
  'Audit expressjs/express',
  'Is the npm package left-pad safe to adopt?',
  'Check modelcontextprotocol/typescript-sdk for maintenance risks',
];

export function emptyStateView(ctx: ViewContext, useExample: (prompt: string) => void): HTMLElement {
  const { dom, bridge } = ctx;
  const audit = dom.iconButton(
    'audit-repository primary',
    'search',
    'Audit a repository…',
    () => void bridge.request({ type: 'auditRepository' }),
    'Audit a repository…',
  );
  return dom.el('div', { class: 'empty-state' }, [
    dom.icon('shield', 'empty-icon'),
    dom.el('h2', { text: 'Audit a repository or library' }),
    dom.el('p', {
      text: 'The auditor checks security, maintenance and code quality with your connectors, shows every tool call, and asks before any tool that needs your confirmation runs.',
    }),
    audit,
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
