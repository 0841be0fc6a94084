import { describe, expect, it } from 'vitest';
import { capturedLogger } from './helpers/log-capture.js';

describe('the log', () => {
  it('one JSON object per line, with the level by name and the stack of an error and its cause', () => {
    const { logger, lines } = capturedLogger();
    const cause = new Error('verbinding geweigerd');
    logger.error('Opslag niet bereikbaar', new Error('query mislukt', { cause }));
    logger.info('Gestart', { port: 3978 });
    interface Line {
      level: string;
      msg: string;
      err?: { stack: string; message: string; cause?: { message: string } };
      detail?: unknown;
    }
    const [error, info] = lines.map((l) => JSON.parse(l) as Line);
    expect(error).toMatchObject({ level: 'error', msg: 'Opslag niet bereikbaar', err: { message: expect.stringContaining('query mislukt') } });
    expect(error?.err?.stack).toMatch(/at .*logging\.test\.ts/);
    expect(error?.err?.cause?.message).toBe('verbinding geweigerd');
    expect(info).toMatchObject({ level: 'info', msg: 'Gestart', detail: { port: 3978 } });
  });
});
