/** Why a direct tool call did not produce a result; the front ends map it to exit codes and history outcomes. */
export type CallFailure = 'unknown-tool' | 'excluded' | 'invalid-arguments' | 'denied' | 'connector' | 'auth' | 'timeout' | 'cancelled' | 'protocol' | 'pins';

export class ToolCallError extends Error {
  constructor(
    readonly failure: CallFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ToolCallError';
  }
}
