import { format } from 'node:util';
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { pino } from 'pino';

/**
 * Bolt, its receivers and the Web API client log through this, so their lines are the same JSON as
 * ours. Bolt's messages are about requests and tokens, not message texts; at debug level it may print
 * payloads, which is why debug is never the default.
 */
export function boltLogger(base: pino.Logger): BoltLogger {
  // Bolt names a logger for each client it makes, sometimes per request: one child per name is enough.
  const named = new Map<string, pino.Logger>();
  const child = (component: string) => {
    let found = named.get(component);
    if (!found) named.set(component, (found = base.child({ component })));
    return found;
  };
  let logger = child('slack');
  let level = LogLevel.INFO;
  const write = (at: pino.Level) => (...messages: unknown[]) => {
    // Bolt writes debug lines on every request; formatting them only to drop them cost real time.
    if (!logger.isLevelEnabled(at)) return;
    const error = messages.find((m) => m instanceof Error);
    const text = format(...messages.filter((m) => m !== error));
    if (error) logger[at]({ err: error }, text);
    else logger[at](text);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // Bolt raises its own level to DEBUG when asked; the server's LOG_LEVEL stays the one that counts.
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (name) => {
      logger = child(name);
    },
  };
}
