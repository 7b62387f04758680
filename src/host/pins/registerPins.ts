import * as vscode from 'vscode';
import type { ConnectorRegistry } from '../../core/connectors/registry';
import type { SessionPool } from '../../core/mcp/sessionPool';
import { pinFileIn } from '../../core/pins/pinFile';
import { ToolPins } from '../../core/pins/toolPins';
import type { Logger } from '../../core/util/logger';
import { registerCommand } from '../commands/commandRunner';
import { acceptToolChange, resetToolPins, reviewToolChange } from './pinCommands';
import { PinDocuments } from './pinDocuments';
import { dirname } from 'node:path';

/**
 * Tool pinning in VS Code: the pins file beside the private registry (shared with the CLI), the
 * review documents and the three commands. The tree, the tool caller and the chat take `pins`.
 */
export function registerPins(deps: { privateFile: string; registry: ConnectorRegistry; pool: SessionPool; log: Logger }): {
  pins: ToolPins;
  disposables: vscode.Disposable[];
} {
  const pins = new ToolPins({ file: pinFileIn(dirname(deps.privateFile)) });
  const documents = new PinDocuments();
  const d = { pins, documents, registry: deps.registry, pool: deps.pool };
  const command = (id: string, handler: (...args: never[]) => unknown) => registerCommand(`connectorAuditor.${id}`, handler, deps.log);
  return {
    pins,
    disposables: [
      documents,
      { dispose: () => pins.dispose() },
      command('reviewToolChange', (node?: unknown) => reviewToolChange(d, node)),
      command('acceptToolChange', (arg?: unknown) => acceptToolChange(d, arg)),
      command('resetToolPins', () => resetToolPins(d)),
    ],
  };
}
