import type { Command } from '../args';
import { audit } from './audit';
import { connectorsAdd } from './connectorsAdd';
import { connectorsList } from './connectorsList';
import { connectorsRemove } from './connectorsRemove';
import type { CommandContext } from './context';
import { pinsReset } from './pinsReset';
import { studioConnectorsCreate, studioConnectorsDelete, studioConnectorsList, studioConnectorsUpdate } from './studioConnectors';
import { studioToolsCall, studioToolsList } from './studioTools';
import { toolsCall } from './toolsCall';
import { toolsList } from './toolsList';

/** Routes a parsed command to its handler (help and version are answered before this). */
export function runCommand(ctx: CommandContext, command: Exclude<Command, { kind: 'help' | 'version' }>): Promise<number> {
  switch (command.kind) {
    case 'connectors list':
      return connectorsList(ctx);
    case 'connectors add':
      return connectorsAdd(ctx, command);
    case 'connectors remove':
      return connectorsRemove(ctx, command);
    case 'tools list':
      return toolsList(ctx, command);
    case 'tools call':
      return toolsCall(ctx, command);
    case 'audit':
      return audit(ctx, command);
    case 'pins reset':
      return pinsReset(ctx, command);
    case 'studio connectors list':
      return studioConnectorsList(ctx);
    case 'studio connectors create':
      return studioConnectorsCreate(ctx, command);
    case 'studio connectors update':
      return studioConnectorsUpdate(ctx, command);
    case 'studio connectors delete':
      return studioConnectorsDelete(ctx, command);
    case 'studio tools list':
      return studioToolsList(ctx, command);
    case 'studio tools call':
      return studioToolsCall(ctx, command);
  }
}
