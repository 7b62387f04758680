import * as vscode from 'vscode';
import type { Logger } from '../../core/util/logger';

/**
 * Central error handling for commands (as VS Code's git extension does): a handler just throws,
 * the person sees one clear message, the log gets the details, nothing escapes to the host.
 */
export class UserCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UserCancelled';
  }
}

export function registerCommand(id: string, handler: (...args: never[]) => unknown, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      if (err instanceof UserCancelled) return undefined;
      const message = err instanceof Error ? err.message : String(err);
      log.error(`${id} failed: ${err instanceof Error && err.stack ? err.stack : message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  });
}
