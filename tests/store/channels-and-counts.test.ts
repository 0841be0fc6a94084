import { afterEach, describe, expect, it } from 'vitest';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { bothStores } from '../helpers/stores.js';

describe.each(bothStores())('channel directory and collected counts on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  it('remembers a channel once, with its latest address', async () => {
    services = await connectStore(url(), { minimumCell: 1 });
    await services.channels.remember({ platform: 'teams', id: '19:abc@thread.tacv2', name: 'Team / Integriteit', address: '{"v":1}' });
    await services.channels.remember({ platform: 'teams', id: '19:abc@thread.tacv2', name: 'Team / Integriteit', address: '{"v":2}' });
    await services.channels.remember({ platform: 'slack', id: 'C0ABC', name: null, address: '{}' });
    expect(await services.channels.list('teams')).toEqual([expect.objectContaining({ id: '19:abc@thread.tacv2', address: '{"v":2}' })]);
    expect(await services.channels.find('slack', 'C0ABC')).toMatchObject({ name: null });
    expect(await services.channels.find('slack', 'nope')).toBeUndefined();
  });

  it('a server collects counts and writes them together; a report and closing write what is pending', async () => {
    const location = url();
    services = await connectStore(location, { minimumCell: 1, usageFlushMs: 60_000 });
    const at = new Date('2026-11-22T10:15:00Z');
    for (let i = 0; i < 10; i++) await services.usage.record([{ event: 'vraag', intent: 'geschenk', verdict: 'toegestaan', channel: 'slack', at }]);
    await services.usage.record([{ event: 'vraag', intent: 'geschenk', verdict: 'toegestaan', channel: 'slack', at, delta: -1 }]);
    expect(await services.store.db.selectFrom('usage_counts').selectAll().execute()).toEqual([]);
    const table = await services.stats.table({ from: '2026-11-22', to: '2026-11-22', by: 'intent' });
    expect(table.rows).toEqual([expect.objectContaining({ key: 'geschenk', count: 9 })]);
    await services.usage.record([{ event: 'vraag', intent: 'informatie', verdict: 'geen', channel: 'teams', at }]);
    await services.close();
    services = await connectStore(location, { minimumCell: 1 });
    const after = await services.stats.table({ from: '2026-11-22', to: '2026-11-22', by: 'intent' });
    expect(after.rows).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'informatie', count: 1 })]));
  });
});
