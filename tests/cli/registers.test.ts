import { describe, expect, it } from 'vitest';
import { connectStore } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { sqliteUrl } from '../helpers/stores.js';

async function storeWithEntries() {
  const url = sqliteUrl();
  const services = await connectStore(url, { minimumCell: 5 });
  const gift = await services.registers.saveGift(
    'slack:U1',
    { direction: 'ontvangen', date: '2026-11-20', description: 'Fles wijn', valueEuros: 25, giverOrg: 'Bouw BV', giverRelation: 'leverancier', accepted: true, outcome: 'gedeeld' },
    'toegestaan_melden',
  );
  const old = await services.registers.saveGift(
    'slack:U1',
    { direction: 'aangeboden', date: '2020-03-02', description: 'Reis naar Rome', valueEuros: 900, giverOrg: 'Reisbureau', giverRelation: 'geen', accepted: false, outcome: 'afgeslagen' },
    'niet_toegestaan',
  );
  await services.registers.withdraw('slack:U1', 'geschenk', old.id);
  await services.registers.saveSideJob('teams:A', {
    kind: 'nevenwerk', organisation: 'VV Oost', role: 'trainer', paid: true, hoursPerWeek: 2, startDate: '2025-01-01', endDate: null, relations: [], publish: false,
  });
  await services.close();
  return { url, giftId: gift.id };
}

describe('gedragsbot register / nevenwerk / retention', () => {
  it('lists, exports as CSV and JSON, and marks an entry reviewed', async () => {
    const { url, giftId } = await storeWithEntries();
    const list = await runCli(['register', 'list', '--store', url]);
    expect(list.stdout).toContain('Fles wijn (€25) van Bouw BV — gedeeld met het team (oordeel: toegestaan, melden bij de leidinggevende)');
    expect(list.stdout).toContain('Nevenwerkzaamheid: trainer bij VV Oost');
    // Status in words, a withdrawn entry marked as such, Dutch dates, no stored keys.
    expect(list.stdout).toMatch(/G-[0-9A-Z]{4} +Ingetrokken +2 maart 2020 +slack:U1 +Reis naar Rome \(€900\) van Reisbureau — niet aangenomen \(oordeel: niet toegestaan\)/);
    expect(list.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}|_toegestaan|toegestaan_|\bactief\b/);
    const csv = await runCli(['register', 'export', '--store', url, '--register', 'geschenk']);
    expect(csv.stdout.split('\r\n')[0]).toBe('\uFEFFcode;id;medewerker;richting;datum;omschrijving;waarde_eur;gever;relatie;aangenomen;bestemming;oordeel;status;geregistreerd;bekeken;notitie');
    expect(csv.stdout).toContain(';Toegestaan, melden bij de leidinggevende;');
    const json = JSON.parse((await runCli(['register', 'export', '--store', url, '--format', 'json'])).stdout) as { gifts: unknown[]; sideJobs: unknown[] };
    expect([json.gifts.length, json.sideJobs.length]).toEqual([2, 1]);
    // The short code from the list is accepted wherever an id is, and stays the same on every listing.
    const code = /(G-[0-9A-Z]{4}) +Open +20 november 2026/.exec(list.stdout)?.[1];
    expect(code).toBeDefined();
    expect((await runCli(['register', 'list', '--store', url])).stdout).toContain(`${code!}  Open`);
    const review = await runCli(['register', 'review', code!.toLowerCase().replace('-', ''), '--note', 'In orde', '--store', url]);
    expect(review.code).toBe(0);
    expect(review.stdout).toContain(`Registratie ${code!} is als bekeken gemarkeerd`);
    const byId = await runCli(['register', 'review', giftId.slice(0, 8), '--register', 'geschenk', '--note', 'Nog steeds in orde', '--store', url]);
    expect(byId.code).toBe(0);
    expect((await runCli(['register', 'list', '--store', url, '--unreviewed'])).stdout).not.toContain('Fles wijn');
    expect((await runCli(['register', 'list', '--store', url])).stdout).toContain(`${code!}  Beoordeeld`);
  });

  it('shows who still has to confirm their side jobs, and runs retention', async () => {
    const { url } = await storeWithEntries();
    expect((await runCli(['nevenwerk', 'jaarcheck', '--year', '2027', '--format', 'json', '--store', url])).stdout.trim()).toBe(
      '{"year":2027,"due":["teams:A"]}',
    );
    // Nothing that old: said in words, not "0 geschenken en 0 nevenwerkzaamheden".
    const none = await runCli(['retention', 'run', '--months', '120', '--dry-run', '--store', url]);
    expect(none.stdout).toMatch(/^Bewaartermijn 120 maanden: alles van vóór \d{1,2} [a-z]+ \d{4}\. Er is niets zo oud, dus er zou niets worden verwijderd\./);
    expect(none.stdout).not.toMatch(/\b0 /);
    const dry = await runCli(['retention', 'run', '--months', '1', '--dry-run', '--store', url]);
    expect(dry.stdout).toContain('Bewaartermijn 1 maand:');
    expect(dry.stdout).toContain('Er zou 1 geschenk worden verwijderd (proefrun: er is nog niets verwijderd).');
    const done = await runCli(['retention', 'run', '--months', '1', '--store', url]);
    expect(done.stdout).toContain('Er is 1 geschenk verwijderd.');
  });

  it('refuses bad options in Dutch', async () => {
    const { url } = await storeWithEntries();
    const bad = await runCli(['register', 'review', 'x', '--register', 'fiets', '--store', url]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--register: geschenk of nevenwerk');
    expect((await runCli(['nevenwerk', 'lijst', '--store', url])).stderr).toContain('Bedoel je "nevenwerk jaarcheck"?');
  });
});
