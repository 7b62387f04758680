import * as vscode from 'vscode';
import { attachedByDefault } from '../../core/builtins/catalog';
import type { Connector } from '../../core/connectors/registry';
import type { ChatHeader, ConnectorChip } from '../../protocol/chatItems';
import type { Services } from '../services';
import { chooseChatModel } from './chatHostPorts';

const t = vscode.l10n.t;

export type ModelDescription = NonNullable<ChatHeader['model']>;

/** The chips of a chat's connectors: the ones it names, or every enabled one, with their live state. */
export function connectorChips(s: Services, ids: readonly string[] | undefined): ConnectorChip[] {
  const all = s.registry.snapshot.connectors;
  const chosen = ids === undefined ? all.filter((c) => c.enabled && attachedByDefault(c)).map((c) => c.id) : ids;
  return chosen.slice(0, 500).map((id) => {
    const connector = all.find((c) => c.id === id);
    return connector ? chipOf(s, connector) : { id, label: clip(id, 200), status: 'unavailable', detail: t('This connector no longer exists.') };
  });
}

function chipOf(s: Services, c: Connector): ConnectorChip {
  const base = { id: c.id, label: clip(c.label, 200) };
  if (!c.enabled) return { ...base, status: 'unavailable', detail: t('Disabled.') };
  if (!s.isStartAllowed(c)) return { ...base, status: 'unavailable', detail: t('Not started: this workspace is not trusted.') };
  const state = s.pool.get(c.id)?.state;
  if (!state || state.status === 'disabled') return { ...base, status: 'unavailable', detail: t('Not available.') };
  const detail =
    state.status === 'error'
      ? state.error
      : state.status === 'ready'
        ? t('Connected: {0} tools.', String(state.tools?.length ?? 0))
        : state.status === 'connecting'
          ? t('Connecting…')
          : t('Connects when an audit starts.');
  return { ...base, status: state.status, ...(detail ? { detail: clip(detail, 2000) } : {}) };
}

/** Which model an audit would use now; a model that cannot be chosen says why instead. */
export async function describeModel(s: Services): Promise<ModelDescription> {
  try {
    const chosen = await chooseChatModel(s, 'peek');
    if (chosen.assumed) {
      // Nobody chose it: say what an audit does then, and keep the guess visible for questions.
      const detail = t('No model is configured: audits of a named target use the evidence rules alone. Questions try {0}.', chosen.detail ?? chosen.label);
      return { label: t('No model'), detail: clip(detail, 1000) };
    }
    return { label: clip(chosen.label, 200), ...(chosen.detail ? { detail: clip(chosen.detail, 1000) } : {}) };
  } catch (err) {
    return { label: t('No model'), detail: clip(err instanceof Error ? err.message : String(err), 1000) };
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
