import { config } from 'zod';

/**
 * zod compiles object parsers with `new Function` unless told not to. The webview's CSP forbids
 * eval, and even zod's guarded probe for it is reported as a CSP violation, so switch it off.
 * This must run before any schema is created: main.ts imports this module first.
 */
config({ jitless: true });
