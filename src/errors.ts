/** Errors the user sees. `message` is a full sentence naming the value and what to do. */

export type ErrorCode =
  | 'not-onnx'
  | 'truncated'
  | 'corrupt'
  | 'no-graph'
  | 'unknown-value'
  | 'bad-cut'
  | 'cut-in-subgraph'
  | 'backward-flow'
  | 'empty-plan'
  | 'type-unknown'
  | 'bad-manifest'
  | 'bad-input'
  | 'runtime';

export class CutlineError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CutlineError';
    this.code = code;
  }
}

/** A sentence for any thrown thing, for surfaces that show one line. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
