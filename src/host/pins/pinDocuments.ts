import * as vscode from 'vscode';
import type { Connector } from '../../core/connectors/registry';
import { snapshotText } from '../../core/pins/pinDiff';
import { hashTool, toolSnapshot } from '../../core/pins/toolHash';
import type { ToolReview } from '../../core/pins/toolPins';

/**
 * The two read-only sides of a tool review (`connector-auditor-pin:` URIs): the pinned tool and
 * the tool as the server offers it now, as text. Each pair remembers which tool and which version
 * was shown, so Accept Change in the diff's title bar accepts exactly what the person saw.
 */
export const PIN_SCHEME = 'connector-auditor-pin';
const KEEP = 20;

export interface ReviewedTool {
  connectorId: string;
  toolName: string;
  /** The hash of the "now" side as shown: accepting refuses if the server changed it again. */
  hash: string;
}

const t = vscode.l10n.t;

export class PinDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, { text: string; reviewed: ReviewedTool }>();
  private counter = 0;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PIN_SCHEME, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString())?.text ?? t('This review is no longer kept. Open it again with Review Tool Change….');
  }

  /** What a pin document shows, or undefined for any other URI. */
  reviewedAt(uri: vscode.Uri | undefined): ReviewedTool | undefined {
    return uri?.scheme === PIN_SCHEME ? this.contents.get(uri.toString())?.reviewed : undefined;
  }

  async show(connector: Connector, review: ToolReview): Promise<void> {
    const reviewed = { connectorId: connector.id, toolName: review.tool.name, hash: hashTool(review.tool) };
    const n = ++this.counter;
    const safe = `${connector.name}-${review.tool.name}`.replace(/[^\w.-]+/g, '-');
    const left = vscode.Uri.from({ scheme: PIN_SCHEME, path: `/${safe}.pinned.txt`, query: String(n) });
    const right = vscode.Uri.from({ scheme: PIN_SCHEME, path: `/${safe}.now.txt`, query: String(n) });
    const before = review.pinned
      ? snapshotText(review.pinned.tool)
      : `${t('(Nothing pinned: "{0}" is a new tool that was not offered when you accepted the tools of {1}.)', review.tool.name, connector.label)}\n`;
    this.contents.set(left.toString(), { text: before, reviewed });
    this.contents.set(right.toString(), { text: snapshotText(toolSnapshot(review.tool)), reviewed });
    while (this.contents.size > KEEP * 2) this.contents.delete(this.contents.keys().next().value as string);
    const title = t('{0} (pinned ↔ now)', review.tool.name);
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.contents.clear();
  }
}
