import type { ChatItem } from '../../protocol/chatItems';

/**
 * What a screen reader hears: coarse changes only ("Auditor is answering…", "Waiting for your
 * confirmation of X", "Answer complete", the verdict), never each streamed chunk. The message
 * list itself has aria-live="off".
 */
export class LiveStatus {
  constructor(readonly node: HTMLElement) {
    node.setAttribute('role', 'status');
    node.setAttribute('aria-live', 'polite');
  }

  get text(): string {
    return this.node.textContent ?? '';
  }

  running(now: boolean, before: boolean): void {
    if (now && !before) this.say('Auditor is answering…');
    if (!now && before) this.say('Answer complete');
  }

  /** `previous` is the item's earlier version, if any: only a change of state is announced. */
  item(item: ChatItem, previous: ChatItem | undefined): void {
    if (item.kind === 'tool' && item.state === 'waiting' && !(previous?.kind === 'tool' && previous.state === 'waiting')) {
      this.say(`Waiting for your confirmation of ${item.connector ? `${item.connector} · ` : ''}${item.tool}`);
    } else if (item.kind === 'report' && !previous) {
      this.say(`Verdict for ${item.report.target}: ${item.report.verdict}`);
    } else if (item.kind === 'undetermined' && !previous) {
      this.say(`No verdict for ${item.target}`);
    } else if (item.kind === 'error' && !previous) {
      this.say(`Error: ${item.text.slice(0, 200)}`);
    }
  }

  private say(text: string): void {
    if (this.node.textContent !== text) this.node.textContent = text;
  }
}
