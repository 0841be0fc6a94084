import { afterEach, describe, expect, it } from 'vitest';
import type { GiftInput, SideJobInput } from '../../src/core/registers/model.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { SYSTEM_ACTOR } from '../../src/store/services/coordinator.js';
import { bothStores } from '../helpers/stores.js';

const NOW = new Date('2026-11-22T10:00:00Z');

export const GIFT: GiftInput = {
  direction: 'ontvangen',
  date: '2026-11-20',
  description: 'Fles wijn',
  valueEuros: 25,
  giverOrg: 'Bouwbedrijf De Vries',
  giverRelation: 'leverancier',
  accepted: true,
  outcome: 'gedeeld',
};

const SIDE_JOB: SideJobInput = {
  kind: 'nevenwerk',
  organisation: 'Voetbalclub VV Oost',
  role: 'penningmeester',
  paid: false,
  hoursPerWeek: 3,
  startDate: '2024-09-01',
  endDate: null,
  relations: ['subsidie'],
  publish: false,
};

describe.each(bothStores())('registers on %s', (_name, url) => {
  let services: StoreServices | undefined;
  const open = async (now = NOW) => {
    services = await connectStore(url(), { minimumCell: 5, coordinators: ['slack:UCOORD'], now: () => now });
    return services;
  };
  afterEach(async () => {
    await services?.close();
  });

  it('saves a gift with its verdict and lists it for its owner only', async () => {
    const s = await open();
    const saved = await s.registers.saveGift('slack:U1', GIFT, 'toegestaan_melden');
    expect(saved).toMatchObject({ ...GIFT, owner: 'slack:U1', verdict: 'toegestaan_melden', status: 'actief' });
    expect((await s.registers.listOwn('slack:U1')).gifts).toEqual([saved]);
    expect((await s.registers.listOwn('slack:U2')).gifts).toEqual([]);
  });

  it('lists withdrawn entries too, marked as such, and exports every entry with its short code', async () => {
    const s = await open();
    const gift = await s.registers.saveGift('slack:U1', GIFT, 'toegestaan_melden');
    await s.registers.withdraw('slack:U1', 'geschenk', gift.id);
    expect((await s.registers.listOwn('slack:U1')).gifts.map((g) => g.status)).toEqual(['ingetrokken']);
    const exported = await s.registers.exportOwn('slack:U1');
    expect(exported.gifts[0]).toMatchObject({ status: 'ingetrokken', code: expect.stringMatching(/^G-[0-9A-Z]{4}$/) as unknown });
    // The same code every time: it is given once.
    expect((await s.registers.exportOwn('slack:U1')).gifts[0]?.code).toBe(exported.gifts[0]?.code);
  });

  it('keeps a declined gift and a gift of unknown value', async () => {
    const s = await open();
    const declined = await s.registers.saveGift('teams:A', { ...GIFT, accepted: false, outcome: 'afgeslagen', valueEuros: null }, 'overleggen');
    expect(declined).toMatchObject({ accepted: false, outcome: 'afgeslagen', valueEuros: null });
  });

  it('changes and withdraws own entries, never someone else\'s, with a change log', async () => {
    const s = await open();
    const gift = await s.registers.saveGift('slack:U1', GIFT, 'toegestaan_melden');
    await expect(s.registers.updateGift('slack:U2', gift.id, { valueEuros: 30 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const changed = await s.registers.updateGift('slack:U1', gift.id, { valueEuros: 30, outcome: 'goed_doel' });
    expect(changed).toMatchObject({ valueEuros: 30, outcome: 'goed_doel' });
    await s.registers.withdraw('slack:U1', 'geschenk', gift.id);
    expect((await s.registers.listOwn('slack:U1')).gifts.map((g) => g.status)).toEqual(['ingetrokken']);
    const data = await s.registers.exportOwn('slack:U1');
    expect(data.changes.map((c) => [c.action, c.fields])).toEqual([
      ['aangemaakt', expect.objectContaining({ description: 'Fles wijn', verdict: 'toegestaan_melden' })],
      ['gewijzigd', { valueEuros: 30, outcome: 'goed_doel' }],
      ['ingetrokken', {}],
    ]);
    expect(data.gifts[0]?.status).toBe('ingetrokken');
  });

  it('side jobs: save, change, confirm for the year, export and delete everything', async () => {
    const s = await open();
    const job = await s.registers.saveSideJob('cli:anna', SIDE_JOB);
    expect(job).toMatchObject(SIDE_JOB);
    await s.registers.updateSideJob('cli:anna', job.id, { hoursPerWeek: 4, relations: ['subsidie', 'zaken'] });
    const data = await s.registers.exportOwn('cli:anna');
    expect(data.sideJobs[0]).toMatchObject({ hoursPerWeek: 4, relations: ['subsidie', 'zaken'] });
    expect(data.confirmations).toEqual([{ year: 2026, confirmedAt: NOW.toISOString() }]);
    const removed = await s.registers.deleteAllOwn('cli:anna');
    expect(removed).toBeGreaterThanOrEqual(4);
    expect(await s.registers.exportOwn('cli:anna')).toMatchObject({ gifts: [], sideJobs: [], changes: [], notices: [], confirmations: [] });
  });

  it('the coordinator lists, filters, reviews with a note, and the employee gets a notice', async () => {
    const s = await open();
    const gift = await s.registers.saveGift('slack:U1', GIFT, 'toegestaan_melden');
    await s.registers.saveGift('slack:U2', { ...GIFT, date: '2026-01-05', description: 'Taart' }, 'toegestaan_melden');
    await expect(s.coordinator.list('slack:U1', 'alle')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const november = await s.coordinator.list('slack:UCOORD', 'geschenk', { from: '2026-11-01' });
    expect(november.gifts.map((g) => g.description)).toEqual(['Fles wijn']);
    await s.coordinator.review('slack:UCOORD', 'geschenk', gift.id, 'Prima zo, gedeeld met het team.');
    const own = await s.registers.listOwn('slack:U1');
    expect(own.gifts[0]).toMatchObject({ reviewNote: 'Prima zo, gedeeld met het team.' });
    expect(own.notices[0]?.message).toContain('Prima zo, gedeeld met het team.');
    await s.registers.markNoticesRead('slack:U1', own.notices.map((n) => n.id));
    expect((await s.registers.listOwn('slack:U1')).notices).toEqual([]);
    expect((await s.coordinator.list(SYSTEM_ACTOR, 'geschenk', { reviewed: false })).gifts.map((g) => g.description)).toEqual(['Taart']);
  });

  it('the yearly check lists everyone with side jobs or an earlier "geen" who has not confirmed this year', async () => {
    const lastYear = await open(new Date('2025-03-01T10:00:00Z'));
    await lastYear.registers.saveSideJob('cli:anna', SIDE_JOB);
    await lastYear.registers.saveSideJob('cli:bram', { ...SIDE_JOB, kind: 'geen', organisation: 'geen', role: 'geen' });
    const shared = lastYear.store.location;
    await lastYear.close();
    services = undefined;
    const url2 = shared.kind === 'sqlite' ? `sqlite:${shared.path}` : `${shared.url}${shared.url.includes('?') ? '&' : '?'}schema=${shared.schema ?? ''}`;
    services = await connectStore(url2, { minimumCell: 5, now: () => NOW });
    expect(await services.coordinator.yearlyCheckDue(SYSTEM_ACTOR, 2026)).toEqual(['cli:anna', 'cli:bram']);
    await services.registers.confirmSideJobs('cli:anna', 2026);
    expect(await services.coordinator.yearlyCheckDue(SYSTEM_ACTOR, 2026)).toEqual(['cli:bram']);
  });

  it('retention removes old entries and their change log, keeps recent ones', async () => {
    const s = await open();
    const old = await s.registers.saveGift('slack:U1', { ...GIFT, date: '2019-05-01' }, 'toegestaan_melden');
    await s.registers.saveGift('slack:U1', GIFT, 'toegestaan_melden');
    const dry = await s.coordinator.retention(SYSTEM_ACTOR, 60, true);
    expect(dry).toMatchObject({ gifts: 1, cutoff: '2021-11-22' });
    expect((await s.registers.listOwn('slack:U1')).gifts).toHaveLength(2);
    await s.coordinator.retention(SYSTEM_ACTOR, 60);
    const data = await s.registers.exportOwn('slack:U1');
    expect(data.gifts.map((g) => g.date)).toEqual(['2026-11-20']);
    expect(data.changes.some((c) => c.entryId === old.id)).toBe(false);
  });

  it('retention forgets where someone can be reached once nothing of theirs is left', async () => {
    const s = await open();
    await s.registers.saveGift('slack:U1', { ...GIFT, date: '2019-05-01' }, 'toegestaan_melden');
    await s.registers.saveGift('slack:U2', GIFT, 'toegestaan_melden');
    const now = new Date();
    await s.contacts.remember('slack:U1', { platform: 'slack', user: 'U1' }, now);
    await s.contacts.remember('slack:U2', { platform: 'slack', user: 'U2' }, now);
    await s.coordinator.retention(SYSTEM_ACTOR, 60);
    expect(await s.contacts.find('slack:U1')).toBeNull();
    expect(await s.contacts.find('slack:U2')).toEqual({ platform: 'slack', user: 'U2' });
  });

  describe('bad input is refused, naming the field and the problem for the log, and nothing is stored', () => {
    const long = 'x'.repeat(5000);
    it.each([
      ['negative value', { valueEuros: -5 }, 'valueEuros: registers.fout.negatief'],
      ['absurd value', { valueEuros: 5_000_000 }, 'valueEuros: registers.fout.te_hoog'],
      ['date in 2099', { date: '2099-01-01' }, 'date: registers.fout.toekomst'],
      ['31 February', { date: '2026-02-31' }, 'date: registers.fout.datum'],
      ['5,000-character description', { description: long }, 'description: registers.fout.te_lang'],
      ['HTML in the description', { description: '<script>alert(1)</script>' }, 'description: registers.fout.opmaak'],
      ['HTML in the giver', { giverOrg: '<b>Bouw</b>' }, 'giverOrg: registers.fout.opmaak'],
      ['empty giver', { giverOrg: ' ' }, 'giverOrg: registers.fout.te_kort'],
      ['unknown outcome', { outcome: 'verkocht' }, 'outcome: registers.fout.kies'],
    ])('gift: %s', async (_case, change, message) => {
      const s = await open();
      await expect(s.registers.saveGift('slack:U1', { ...GIFT, ...change } as GiftInput, 'x')).rejects.toMatchObject({
        code: 'INPUT_INVALID',
        userText: 'registers.fout.niet_opgeslagen',
        message: expect.stringContaining(message),
      });
      expect((await s.registers.exportOwn('slack:U1')).gifts).toEqual([]);
      expect((await s.registers.exportOwn('slack:U1')).changes).toEqual([]);
    });

    it.each([
      ['negative hours', { hoursPerWeek: -1 }, 'hoursPerWeek: registers.fout.negatief'],
      ['absurd hours', { hoursPerWeek: 200 }, 'hoursPerWeek: registers.fout.te_veel_uren'],
      ['start in 2099', { startDate: '2099-01-01' }, 'startDate: registers.fout.ver_in_toekomst'],
      ['end before start', { endDate: '2020-01-01' }, 'endDate: registers.fout.voor_start'],
      ['HTML in the organisation', { organisation: '<img src=x onerror=alert(1)>' }, 'organisation: registers.fout.opmaak'],
      ['5,000-character role', { role: long }, 'role: registers.fout.te_lang'],
    ])('side job: %s', async (_case, change, message) => {
      const s = await open();
      await expect(s.registers.saveSideJob('slack:U1', { ...SIDE_JOB, ...change })).rejects.toMatchObject({
        message: expect.stringContaining(message),
      });
      expect((await s.registers.exportOwn('slack:U1')).sideJobs).toEqual([]);
    });

    it('an invalid change leaves the entry as it was', async () => {
      const s = await open();
      const gift = await s.registers.saveGift('slack:U1', GIFT, 'toegestaan_melden');
      await expect(s.registers.updateGift('slack:U1', gift.id, { valueEuros: -1 })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
      expect((await s.registers.listOwn('slack:U1')).gifts[0]?.valueEuros).toBe(25);
    });
  });
});
