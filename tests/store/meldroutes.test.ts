import { afterEach, describe, expect, it } from 'vitest';
import { GedragsBot } from '../../src/core/conversation/bot.js';
import type { MeldKeuze, MeldSoort } from '../../src/core/rulebase/schema.js';
import { readTexts } from '../../src/core/texts/load.js';
import { dashboardFor } from '../../src/server/backoffice/hr-page.js';
import { stats } from '../../src/cli/stats.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { deriveSmallCells, publishedSums } from '../helpers/careful-reader.js';
import { databaseText } from '../helpers/database-text.js';
import { defaultRuleBase } from '../helpers/rulebase.js';
import { bothStores } from '../helpers/stores.js';

/**
 * The meldwijzer's routes in HR's figures, on both databases: each route shown is counted, by its code,
 * with the hour and channel only; the dashboard names the routes as meldwijzer.json does and hides small
 * numbers as everywhere, so that no careful reader can work one out; nobody's identity is kept.
 */
const texts = readTexts();
const routes = defaultRuleBase().meldwijzer!.routes;

describe.each(bothStores())('meldwijzer routes in the HR figures on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
  });

  it('counts each route shown, shows route names, and suppresses cells under 5', async () => {
    services = await connectStore(url(), { minimumCell: 5 });
    const s = services;
    let now = Date.parse('2026-03-10T10:00:00Z');
    const bot = new GedragsBot(defaultRuleBase(), s.conversations({ ttlMs: 30 * 60_000, secret: 'test-geheim' }), {
      usage: s.usage,
      now: () => now,
    });
    const walk = async (user: string, soort: MeldSoort, keuze: MeldKeuze) => {
      const context = { channel: 'slack' as const, user };
      await bot.act(user, { id: 'meldroutes', value: '' }, context);
      await bot.act(user, { id: 'meldwijzer_soort', value: soort }, context);
      await bot.act(user, { id: 'meldwijzer_keuze', value: `${soort}:${keuze}` }, context);
    };
    // March: seven people ask where to report a misstand, two about a datalek; April: one more misstand.
    for (let i = 0; i < 7; i++) await walk(`slack:U0MELDER${String(i)}`, 'misstand', 'melden');
    for (let i = 0; i < 2; i++) await walk(`slack:U0LEK${String(i)}`, 'datalek', 'advies');
    now = Date.parse('2026-04-14T09:00:00Z');
    await walk('slack:U0LAAT', 'misstand', 'melden');

    const d = await dashboardFor(s, texts, 2026, '2026-11', routes);
    const table = d.tables.find((t) => t.id === 'meldroutes')!;
    expect(table.rows.map((r) => r.label)).toEqual([
      'Melden via de meldregeling',
      'Huis voor Klokkenluiders: extern melden',
      'Privacyteam en functionaris gegevensbescherming (FG)',
    ]);
    const march = table.columns.findIndex((c) => c.key === '2026-03');
    expect(table.rows[2]!.cells[march]).toEqual({ kind: 'klein' });
    expect(table.rows[2]!.total).toEqual({ kind: 'klein' });
    expect(table.rows[0]!.total).toEqual({ kind: 'getal', value: 8 });
    expect(table.total).toEqual({ kind: 'getal', value: 18 });
    // With the totals beside the small cells, more is hidden, until nothing can be worked out.
    const derived = await deriveSmallCells(publishedSums(table.grid!, 'meldroutes'));
    expect(derived.length).toBeGreaterThan(0);
    expect(derived.filter((x) => x.min === x.max)).toEqual([]);

    // The same protected table on the command line, and the raw count per route for scripts.
    const year = await stats(s, { year: 2026, format: 'csv' }, texts, routes);
    expect(year).toContain('Melden via de meldregeling');
    const byRoute = JSON.parse(await stats(s, { from: '2026-01-01', to: '2026-12-31', by: 'verdict', event: 'meldroute', format: 'json' }, texts)) as {
      rows: { key: string; count: number | string }[];
    };
    expect(byRoute.rows).toContainEqual(expect.objectContaining({ key: 'meldregeling', count: 8 }));
    expect(byRoute.rows).toContainEqual(expect.objectContaining({ key: 'privacy_fg', count: '<5' }));

    // Nothing identifying: no person, and no conversation waiting in the meldwijzer.
    await s.flushUsage();
    const stored = await databaseText(s.store);
    expect(stored).not.toMatch(/U0MELDER|U0LEK|U0LAAT/);
    expect(stored).not.toContain('"meldwijzer"');
  }, 60_000);
});
