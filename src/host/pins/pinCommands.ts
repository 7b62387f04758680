import * as vscode from 'vscode';
import type { Connector, ConnectorRegistry } from '../../core/connectors/registry';
import type { SessionPool } from '../../core/mcp/sessionPool';
import { changedParts } from '../../core/pins/pinDiff';
import { PinFileError } from '../../core/pins/pinFile';
import { hashTool, toolSnapshot } from '../../core/pins/toolHash';
import type { ToolPins, ToolReview } from '../../core/pins/toolPins';
import type { ToolNode } from '../tree/nodes';
import { PinDocuments } from './pinDocuments';

/** Review Tool Change…, Accept Tool Change and Reset Tool Pins…: thin handlers over ToolPins. */

export interface PinDeps {
  pins: ToolPins;
  registry: ConnectorRegistry;
  pool: SessionPool;
  documents: PinDocuments;
}

const t = vscode.l10n.t;

function asToolNode(arg: unknown): ToolNode | undefined {
  const node = arg as { kind?: unknown } | undefined;
  return node?.kind === 'tool' ? (arg as ToolNode) : undefined;
}

/** The tool as the server offers it now, against its pin. */
async function currentReview(d: PinDeps, connectorId: string, toolName: string): Promise<{ connector: Connector; review: ToolReview }> {
  const connector = d.registry.snapshot.connectors.find((c) => c.id === connectorId);
  if (!connector) throw new Error(t('That connector is no longer in your connectors.'));
  const session = d.pool.get(connector.id);
  const tools = session ? await session.ensureReady() : [];
  if (session?.state.status !== 'ready') throw new Error(t('"{0}" is not connected; reconnect it to review its tools.', connector.label));
  const review = (await d.pins.review(connector, tools)).tools.find((r) => r.tool.name === toolName);
  if (!review) throw new Error(t('"{0}" no longer offers "{1}".', connector.label, toolName));
  return { connector, review };
}

function alreadyTrusted(review: ToolReview, connector: Connector): void {
  void vscode.window.showInformationMessage(t('"{0}" on {1} is not held: it is as you accepted it.', review.tool.name, connector.label));
}

export async function reviewToolChange(d: PinDeps, arg: unknown): Promise<void> {
  const node = asToolNode(arg);
  if (!node) throw new Error(t('Choose a tool marked "review" in the Connectors view.'));
  const { connector, review } = await currentReview(d, node.connector.id, node.tool.name);
  if (review.status === 'trusted') return alreadyTrusted(review, connector);
  await d.documents.show(connector, review);
}

/**
 * From the diff's title bar (or the palette with the diff active): accepts the version that was
 * shown, refusing if the server changed it since. From the tree: says what changed and offers the
 * diff before accepting.
 */
export async function acceptToolChange(d: PinDeps, arg: unknown): Promise<void> {
  const node = asToolNode(arg);
  const uri = arg instanceof vscode.Uri ? arg : node ? undefined : vscode.window.activeTextEditor?.document.uri;
  const shown = d.documents.reviewedAt(uri);
  if (shown) {
    const { connector, review } = await currentReview(d, shown.connectorId, shown.toolName);
    if (review.status !== 'trusted') {
      if (hashTool(review.tool) !== shown.hash) {
        throw new Error(t('"{0}" changed again since this review was opened; review it again before accepting.', review.tool.name));
      }
      await d.pins.accept(connector, [review.tool]);
    }
    await closeReviews(d, shown.connectorId, shown.toolName);
    void vscode.window.showInformationMessage(t('Accepted "{0}" on {1}; the agent is offered it from now on.', review.tool.name, connector.label));
    return;
  }
  if (!node) throw new Error(t('Open a tool change with Review Tool Change… first, or choose a tool marked "review" in the Connectors view.'));
  const { connector, review } = await currentReview(d, node.connector.id, node.tool.name);
  if (review.status === 'trusted') return alreadyTrusted(review, connector);
  const accept: vscode.MessageItem = { title: t('Accept Change') };
  const show: vscode.MessageItem = { title: t('Review Tool Change…') };
  const what =
    review.status === 'changed' && review.pinned
      ? t('It changed since you accepted it: {0}.', changedParts(review.pinned.tool, toolSnapshot(review.tool)).join(', '))
      : t('It is a new tool, not reviewed yet.');
  const answer = await vscode.window.showWarningMessage(
    t('Accept "{0}" on {1} without reviewing it?', review.tool.name, connector.label),
    { modal: true, detail: `${what}\n\n${t('Once accepted, it is offered to the agent and runs under your usual confirmation policy.')}` },
    accept,
    show,
  );
  if (answer === show) return d.documents.show(connector, review);
  if (answer !== accept) return;
  await d.pins.accept(connector, [review.tool]);
}

async function closeReviews(d: PinDeps, connectorId: string, toolName: string): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((tab) => {
      if (!(tab.input instanceof vscode.TabInputTextDiff)) return false;
      const r = d.documents.reviewedAt(tab.input.modified);
      return r?.connectorId === connectorId && r.toolName === toolName;
    });
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

export async function resetToolPins(d: PinDeps): Promise<void> {
  let keys: string[];
  let broken: string | undefined;
  try {
    keys = await d.pins.keys();
  } catch (err) {
    if (!(err instanceof PinFileError)) throw err;
    keys = [];
    broken = err.message;
  }
  if (keys.length === 0 && !broken) {
    void vscode.window.showInformationMessage(t('No tool is pinned yet: the first listing of a connector pins its tools.'));
    return;
  }
  const byKey = new Map(d.registry.snapshot.connectors.map((c) => [d.pins.keyFor(c), c]));
  type Item = vscode.QuickPickItem & { key: string | undefined };
  const items: Item[] = [
    { label: `$(clear-all) ${t('All connectors')}`, description: broken ? t('replaces the unreadable pins file, keeping a copy') : undefined, key: undefined },
    ...keys.map((key) => {
      const c = byKey.get(key);
      return { label: c?.label ?? key, description: c ? undefined : t('not among your connectors now'), key };
    }),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('Reset Tool Pins'), placeHolder: t('Whose accepted tools to forget') });
  if (!picked) return;
  const whose = picked.key === undefined ? t('every connector') : picked.label;
  const reset: vscode.MessageItem = { title: t('Reset') };
  const answer = await vscode.window.showWarningMessage(
    t('Reset the tool pins of {0}?', whose),
    {
      modal: true,
      detail: t('The next listing pins the tools as the servers offer them then, without asking: a change made before that is not noticed.'),
    },
    reset,
  );
  if (answer !== reset) return;
  await d.pins.reset(picked.key);
  void vscode.window.showInformationMessage(t('Tool pins reset for {0}.', whose));
}
