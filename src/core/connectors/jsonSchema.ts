import { z } from 'zod';
import { connectorConfigSchema } from './schema';

/**
 * JSON Schema of the connectors file, generated from the zod schema at build time, so editors
 * complete and check `connectors.json` with the same rules the extension applies.
 */
export function connectorsFileJsonSchema(): unknown {
  const file = z.object({ connectors: z.array(connectorConfigSchema) });
  const schema = z.toJSONSchema(file, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  return { ...schema, title: 'Connector Auditor connectors', allowComments: true, allowTrailingCommas: true };
}
