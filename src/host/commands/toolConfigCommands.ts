import * as vscode from 'vscode';
import { FileEditError, updateBuiltinField, updateConnectorField } from '../../core/connectors/fileEdits';
import { toolConfigurationSchema, type ToolConfiguration } from '../../core/connectors/schema';
import { confirmationChange, includeToolChange, type ToolConfigChange } from '../../core/connectors/toolConfigEdits';
import type { Services } from '../services';
import type { ToolNode, TreeNode } from '../tree/nodes';

const t = vscode.l10n.t;

function toolNode(arg: unknown): ToolNode {
  const node = arg as TreeNode | undefined;
  if (node?.kind !== 'tool') throw new Error(t('Choose a tool in the Connectors view.'));
  return node;
}

/**
 * The change is computed from the connector's toolConfiguration as it is in the file under the
 * lock, not from the tree's snapshot: a tool another window or a CLI run just excluded stays so.
 */
async function apply(s: Services, node: ToolNode, change: (cfg: ToolConfiguration | undefined) => ToolConfigChange): Promise<void> {
  const connector = s.registry.snapshot.connectors.find((c) => c.id === node.connector.id) ?? node.connector;
  const fromFile = (file: string) => (settings: unknown) => change(currentToolConfiguration(settings, file, connector.label));
  if (connector.builtin) {
    const file = connector.builtin.settingsFile ?? s.privateFile;
    await updateBuiltinField(file, connector.name, fromFile(file));
  } else if (connector.origin) await updateConnectorField(connector.origin.file, connector.name, fromFile(connector.origin.file));
  else throw new Error(t('"{0}" comes from no file; its tool configuration cannot be edited here.', connector.label));
  await s.registry.reload();
}

function currentToolConfiguration(settings: unknown, file: string, label: string): ToolConfiguration | undefined {
  const raw = settings && typeof settings === 'object' ? (settings as { toolConfiguration?: unknown }).toolConfiguration : undefined;
  const parsed = toolConfigurationSchema.optional().safeParse(raw);
  if (!parsed.success) throw new FileEditError(t('The toolConfiguration of "{0}" in {1} is not valid; fix it first — the file was not changed.', label, file));
  return parsed.data;
}

export const setToolIncluded = (s: Services, arg: unknown, included: boolean) =>
  apply(s, toolNode(arg), (cfg) => includeToolChange(cfg, toolNode(arg).tool.name, included));

export const setToolConfirmation = (s: Services, arg: unknown, required: boolean) =>
  apply(s, toolNode(arg), (cfg) => confirmationChange(cfg, toolNode(arg).tool.name, required));
