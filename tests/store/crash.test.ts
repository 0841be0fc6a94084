import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { connectStore } from '../../src/store/index.js';
import { SYSTEM_ACTOR } from '../../src/store/services/coordinator.js';
import { ROOT } from '../helpers/cli.js';
import { bothStores } from '../helpers/stores.js';

/** Runs the child, kills it with SIGKILL after `killAfter` confirmed saves, returns the confirmed ids. */
function registerUntilKilled(url: string, killAfter: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${ROOT}/dist/tests/store/crash-child.js`, url], { stdio: ['ignore', 'pipe', 'pipe'] });
    const confirmed: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.stdout.on('data', (d) => {
      buffer += String(d);
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('saved ')) confirmed.push(line.slice(6));
        if (confirmed.length === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child was not killed (${String(signal)}): ${stderr}`));
      else resolve(confirmed);
    });
  });
}

describe.each(bothStores())('kill -9 in the middle of 1,000 registrations on %s', (_name, url) => {
  it('every registration the user was told is saved is there, and nothing is half-written', async () => {
    const store = url();
    const confirmed = await registerUntilKilled(store, 300);
    expect(confirmed.length).toBeGreaterThanOrEqual(300);
    const services = await connectStore(store, { minimumCell: 5 });
    try {
      const { gifts } = await services.coordinator.list(SYSTEM_ACTOR, 'geschenk');
      const stored = new Set(gifts.map((g) => g.id));
      expect(confirmed.filter((id) => !stored.has(id))).toEqual([]);
      // At most the one in flight when the kill came may have committed without its confirmation being read.
      expect(gifts.length - confirmed.length).toBeLessThanOrEqual(1);
      for (const gift of gifts) {
        expect(gift.description).toMatch(/^Geschenk nummer \d+$/);
        const changes = await services.registers.exportOwn(gift.owner);
        expect(changes.changes.filter((c) => c.entryId === gift.id)).toHaveLength(1);
      }
    } finally {
      await services.close();
    }
  }, 60_000);
});
