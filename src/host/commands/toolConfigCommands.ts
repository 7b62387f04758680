import * as vscode from 'vscode';
import { setBuiltinField, setConnectorField } from '../../core/connectors/fileEdits';
import { confirmationChange, includeToolChange, type ToolConfigChange } from '../../core/connectors/toolConfigEdits';
import type { Services } from '../services';
import type { ToolNode, TreeNode } from '../tree/nodes';

const t = vscode.l10n.t;

function toolNode(arg: unknown): ToolNode {
  const node = arg as TreeNode | undefined;
  if (node?.kind !== 'tool') throw new Error(t('Choose a tool in the Connectors view.'));
  return node;
}

async function apply(s: Services, node: ToolNode, change: (cfg: ToolNode['connector']['config']['toolConfiguration']) => ToolConfigChange): Promise<void> {
  const connector = s.registry.snapshot.connectors.find((c) => c.id === node.connector.id) ?? node.connector;
  const { path, value } = change(connector.config.toolConfiguration);
  if (connector.builtin) await setBuiltinField(connector.builtin.settingsFile ?? s.privateFile, connector.name, path, value);
  else if (connector.origin) await setConnectorField(connector.origin.file, connector.name, path, value);
  else throw new Error(t('"{0}" comes from no file; its tool configuration cannot be edited here.', connector.label));
  await s.registry.reload();
}

export const setToolIncluded = (s: Services, arg: unknown, included: boolean) =>
  apply(s, toolNode(arg), (cfg) => includeToolChange(cfg, toolNode(arg).tool.name, included));

export const setToolConfirmation = (s: Services, arg: unknown, required: boolean) =>
  apply(s, toolNode(arg), (cfg) => confirmationChange(cfg, toolNode(arg).tool.name, required));
