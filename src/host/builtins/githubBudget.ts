import type { RateBudget } from '../../core/builtins/github/githubServer';
import { Emitter } from '../../core/util/events';

/**
 * The last rate-limit budget GitHub reported, for the connector's tooltip. Changes are
 * coalesced: a burst of requests redraws the tree once, not once per response.
 */
export class GitHubBudget {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private latest: RateBudget | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;

  get current(): RateBudget | undefined {
    return this.latest;
  }

  record(budget: RateBudget): void {
    // The core budget (REST calls) is the one people run out of; search has its own small one.
    if (budget.resource !== 'core' && this.latest?.resource === 'core') return;
    this.latest = budget;
    this.pending ??= setTimeout(() => {
      this.pending = undefined;
      this.changed.fire();
    }, 500);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.changed.dispose();
  }
}

/** "4,980 of 5,000 requests left; resets at 15:40" */
export function describeBudget(b: RateBudget, now = new Date()): string {
  const minutes = Math.max(0, Math.ceil((b.resetAt.getTime() - now.getTime()) / 60_000));
  const at = b.resetAt.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `${b.remaining.toLocaleString()} of ${b.limit.toLocaleString()} requests left; resets at ${at} (in ${minutes} min)`;
}
