import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectStore } from '../../src/store/index.js';
import type { GiftInput } from '../../src/core/registers/model.js';

/**
 * The scratch file (conversation states, handled deliveries) skips syncing to disk, so a power cut can
 * damage it. The bot must then start with a fresh one instead of failing every message.
 */
const GIFT: GiftInput = {
  direction: 'ontvangen',
  date: '2026-11-20',
  description: 'Bos bloemen',
  valueEuros: 20,
  giverOrg: 'Bloemist Jansen',
  giverRelation: 'leverancier',
  accepted: true,
  outcome: 'gedeeld',
};

describe('the SQLite scratch file', () => {
  let dir: string;
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is made anew when a power cut left it unreadable, and the registers are untouched', async () => {
    dir = mkdtempSync(join(tmpdir(), 'gedragsbot-scratch-'));
    const url = `sqlite:${join(dir, 'gedragsbot.db')}`;
    const first = await connectStore(url, { minimumCell: 5 });
    const owner = 'slack:U1';
    await first.registers.saveGift(owner, GIFT, 'toegestaan_melden');
    await first.close();
    writeFileSync(join(dir, 'gedragsbot-tijdelijk.db'), 'half geschreven, geen database meer');

    const again = await connectStore(url, { minimumCell: 5 });
    try {
      const states = again.conversations({ ttlMs: 60_000 });
      await states.set('slack:U1', { version: 1 } as never);
      expect(await states.get('slack:U1')).toEqual({ version: 1 });
      expect(await again.events.firstTime('slack:Ev1')).toBe(true);
      expect(await again.events.firstTime('slack:Ev1')).toBe(false);
      const own = await again.registers.exportOwn(owner);
      expect(own.gifts.map((g) => g.description)).toEqual([GIFT.description]);
    } finally {
      await again.close();
    }
  });
});
