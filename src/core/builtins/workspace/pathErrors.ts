/**
 * A path a tool refuses (outside the workspace, ignored, missing). Its message is written for the
 * model: it says what was wrong and what to ask for instead, and the tool answers it as an error
 * result rather than failing the call.
 */
export class WorkspacePathError extends Error {
  override readonly name = 'WorkspacePathError';
}
