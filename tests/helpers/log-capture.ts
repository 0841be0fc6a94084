import { type AppLogger, createLogger } from '../../src/logging.js';

/** A real logger whose JSON lines land in memory, so a test can read what IT would see. */
export function capturedLogger(): { logger: AppLogger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const logger = createLogger('debug', {
    write(line: string) {
      lines.push(line);
    },
  });
  return { logger, lines, text: () => lines.join('') };
}
