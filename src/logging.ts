import { format } from 'node:util';
import { pino } from 'pino';
import type { Logger } from './core/usage.js';

/**
 * Log lines for IT: one JSON object per line on stderr (stdout stays the CLI's output), with the
 * error's stack when there is one. Never a message text: callers pass codes, counts and errors.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface AppLogger extends Logger {
  debug(message: string, detail?: unknown): void;
  /** The underlying pino logger, for libraries that take one (express requests, Bolt). */
  readonly pino: pino.Logger;
}

function fields(detail: unknown): object {
  if (detail === undefined) return {};
  if (detail instanceof Error) return { err: detail };
  return { detail };
}

export function wrap(base: pino.Logger): AppLogger {
  return {
    pino: base,
    debug: (message, detail) => {
      base.debug(fields(detail), message);
    },
    info: (message, detail) => {
      base.info(fields(detail), message);
    },
    warn: (message, detail) => {
      base.warn(fields(detail), message);
    },
    error: (message, detail) => {
      base.error(fields(detail), message);
    },
  };
}

export function createLogger(
  level: LogLevel,
  destination: pino.DestinationStream = pino.destination({ fd: 2 }),
): AppLogger {
  const base = pino(
    {
      level,
      base: { app: 'gedragsbot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.errWithCause },
    },
    destination,
  );
  return wrap(base);
}

/**
 * Libraries that print with console (botbuilder does on a bad token) would break the one-JSON-per-line log.
 * The server sends console output through the logger instead; what they print is about tokens and keys,
 * never a message text.
 */
export function routeConsoleTo(logger: AppLogger): void {
  const to = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const error = args.find((a) => a instanceof Error);
    logger[level](format(...args.filter((a) => a !== error)) || 'console', error);
  };
  console.log = to('info');
  console.info = to('info');
  console.warn = to('warn');
  console.error = to('error');
  console.debug = to('debug');
}
