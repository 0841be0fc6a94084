import type { Logger } from './core/usage.js';

const LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof LEVELS)[number];

/** Log lines for IT on stderr, one JSON object each; people never see these. */
export function consoleLogger(level: Level): Logger & { info(message: string, detail?: unknown): void } {
  const at = LEVELS.indexOf(level);
  const write = (lineLevel: Level, message: string, detail?: unknown) => {
    if (LEVELS.indexOf(lineLevel) < at) return;
    const cause = detail instanceof Error
      ? { error: detail.message, code: (detail as { code?: unknown }).code }
      : detail;
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: lineLevel, message, ...(cause === undefined ? {} : { detail: cause }) })}\n`);
  };
  return {
    info: (m, d) => {
      write('info', m, d);
    },
    warn: (m, d) => {
      write('warn', m, d);
    },
    error: (m, d) => {
      write('error', m, d);
    },
  };
}
