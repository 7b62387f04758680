import type { GlobalOptions } from '../args';
import type { ResolvedIo } from '../io';

/** What every command handler gets: the global options and the outside world. */
export interface CommandContext {
  options: GlobalOptions;
  io: ResolvedIo;
}
