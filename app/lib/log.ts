/**
 * The app's single logger. Product code logs through here, never `console.log` directly,
 * so details can be silenced or redirected in one place.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';

const order: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };
let threshold: Level = import.meta.env?.DEV ? 'debug' : 'info';

/** Change the minimum level that reaches the console. */
export function setLogLevel(level: Level): void {
  threshold = level;
}

function emit(level: Level, scope: string, args: unknown[]): void {
  if (order[level] < order[threshold]) return;
  const sink =
    level === 'debug'
      ? console.debug
      : level === 'info'
        ? console.info
        : level === 'warn'
          ? console.warn
          : console.error;
  sink(`[cutline:${scope}]`, ...args);
}

/** A logger bound to one scope, e.g. `logger('model-worker')`. */
export function logger(scope: string) {
  return {
    debug: (...a: unknown[]) => emit('debug', scope, a),
    info: (...a: unknown[]) => emit('info', scope, a),
    warn: (...a: unknown[]) => emit('warn', scope, a),
    error: (...a: unknown[]) => emit('error', scope, a),
  };
}
