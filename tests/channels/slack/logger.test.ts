import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../../src/channels/slack/logger.js';

/** Bolt logs debug lines on every request; below the server's level they must cost nothing, not even formatting. */
describe('the logger Bolt writes through', () => {
  it('formats nothing below the level, and writes JSON lines at or above it', () => {
    const lines: string[] = [];
    const base = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const logger = boltLogger(base);
    const expensive = {
      [Symbol.for('nodejs.util.inspect.custom')]: () => {
        throw new Error('debug mag niet worden opgemaakt');
      },
    };
    logger.debug('verzoek', expensive);
    logger.warn('Slack traag:', 3, 'seconden');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 40, component: 'slack', msg: 'Slack traag: 3 seconden' });
  });
});
