/**
 * Child process for the kill -9 test: registers gifts one by one and prints
 * "saved <id>" only after the store confirmed each. The parent kills it
 * mid-way and checks that every confirmed registration is there.
 */
import { connectStore } from '../../src/store/index.js';

const url = process.argv[2];
if (!url) throw new Error('store url required');
const services = await connectStore(url, { minimumCell: 5 });
process.stdout.write('ready\n');
for (let i = 0; i < 1000; i++) {
  const entry = await services.registers.saveGift(
    `slack:U${String(i % 50)}`,
    {
      direction: 'ontvangen',
      date: '2026-11-20',
      description: `Geschenk nummer ${String(i)}`,
      valueEuros: i % 120,
      giverOrg: 'Leverancier BV',
      giverRelation: 'leverancier',
      accepted: true,
      outcome: 'gedeeld',
    },
    'toegestaan_melden',
  );
  process.stdout.write(`saved ${entry.id}\n`);
}
await services.close();
