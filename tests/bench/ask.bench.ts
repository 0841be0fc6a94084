/**
 * `npm run bench`: answers 10,000 varied questions in-process through the whole
 * core (understanding, rules, state) and prints median and p99 per question and
 * peak memory. Target: p99 ≤ 1 ms on the 2-core CI machine.
 */

import { packageRoot } from '../../src/config.js';
import { seeded } from './random.js';
import { GedragsBot } from '../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../src/core/conversation/state.js';
import { loadRuleBase } from '../../src/core/rulebase/load.js';

const QUESTIONS = 10_000;

const ITEMS = [
  'fles wijn',
  'kerstpakket',
  'doos bonbons',
  'boeket bloemen',
  'taart',
  'boek',
  'pen',
  'tablet',
  'cadeaubon',
  'fles whisky',
  'relatiegeschenk',
  'horloge',
  'fruitmand',
  'parfum',
  'sjaal',
  'koptelefoon',
  'vaas',
  'schilderij',
  'fles champagne',
  'doos chocolade',
];
const GIVERS = [
  'een leverancier',
  'een inwoner',
  'een aannemer',
  'een klant',
  'een adviesbureau',
  'een bewoner',
  'een projectontwikkelaar',
  'een woningcorporatie',
  'een ondernemer',
  'een relatie',
];
const AMOUNTS = (n: number, cents: number) => [
  `${n} euro`,
  `€${n}`,
  `€ ${n},-`,
  `t.w.v. ${n}`,
  `zo'n ${n} euro`,
  `EUR ${n}`,
  `${n} eu`,
  `€${n},${String(cents).padStart(2, '0')}`,
  `ongeveer ${n} euro`,
];
const OPENERS = ['', 'Hoi, ', 'Vraagje: ', 'Goedemorgen! ', 'Even checken: ', 'hee '];
const TEMPLATES: ((r: () => number) => string)[] = [
  (r) =>
    `${pick(OPENERS, r)}Mag ik een ${pick(ITEMS, r)} van ${pick(AMOUNTS(1 + (r() % 400), r() % 100), r)} aannemen van ${pick(GIVERS, r)}?`,
  (r) =>
    `${pick(GIVERS, r)} gaf me ${2 + (r() % 5)} ${pick(['flessen', 'dozen', 'kaartjes'], r)} van €${5 + (r() % 40)} per stuk`,
  (r) => `Ik kreeg een ${pick(ITEMS, r)} van ${pick(GIVERS, r)}, mag ik die houden?`,
  (r) =>
    `${pick(GIVERS, r)} nodigt me uit voor een ${pick(['diner', 'lunch', 'receptie', 'wedstrijd', 'concert', 'borrel'], r)}`,
  (r) =>
    `Mag ik op kosten van ${pick(GIVERS, r)} naar een congres in ${pick(['Parijs', 'Rome', 'Berlijn', 'Barcelona'], r)}?`,
  (r) =>
    `Moet ik mijn ${pick(['bijbaan', 'nevenfunctie', 'aandelen', 'eigen bedrijf', 'bestuursfunctie'], r)} melden?`,
  (r) =>
    `Mag ik de ${pick(['printer', 'aanhanger', 'dienstauto', 'laptop', 'beamer', 'telefoon'], r)} ${pick(['privé gebruiken', 'lenen', 'mee naar huis nemen'], r)}?`,
  (r) =>
    `Mag ik mijn ${pick(['wachtwoord', 'inloggegevens'], r)} aan een ${pick(['collega', 'stagiair', 'vriend'], r)} geven?`,
  (r) =>
    `Mijn ${pick(['zwager', 'dochter', 'buurman', 'oud-collega'], r)} ${pick(['doet een offerte', 'solliciteert', 'vraagt een vergunning aan'], r)} bij mijn afdeling`,
  (r) =>
    pick(
      [
        'Ik word gepest',
        'Ik vermoed fraude',
        'Wie is de vertrouwenspersoon?',
        'Ik wil een geschenk registreren',
        'Geef me een dilemma',
        'Hallo',
        'Hoeveel vakantiedagen heb ik nog?',
      ],
      r,
    ),
  (r) =>
    `mag ik een ${typo(pick(ITEMS, r), r)} van ${pick(['tien', 'twintig', 'vijftig', 'zestig', 'honderd'], r)} euro aanemen`,
];

function pick<T>(list: readonly T[], r: () => number): T {
  return list[r() % list.length] as T;
}

function typo(word: string, r: () => number): string {
  if (word.length < 5) return word;
  const at = 1 + (r() % (word.length - 2));
  return word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
}

/** Integers from the shared seeded generator: every run answers the same 10,000 questions. */
function random(seed: number): () => number {
  const next = seeded(seed);
  return () => Math.floor(next() * 4294967296);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main() {
  const ruleBase = loadRuleBase(`${packageRoot()}/rules`);
  const bot = new GedragsBot(ruleBase, new MemoryStateStore());
  const r = random(42);
  const questions = Array.from({ length: QUESTIONS }, () => pick(TEMPLATES, r)(r));
  const combos = new Set<string>();
  const distinct = new Set(questions).size;
  let peakRss = process.memoryUsage().rss;
  const times: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < questions.length; i++) {
    const t0 = process.hrtime.bigint();
    const reply = await bot.reply(`bench-${i}`, questions[i]);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    combos.add(`${reply.intent}|${reply.verdict}|${reply.amount}`);
    if (i % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const total = Number(process.hrtime.bigint() - started) / 1e6;
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const sorted = [...times].sort((a, b) => a - b);
  const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  console.log(
    `gedragsbot ask bench: ${QUESTIONS} questions (${distinct} distinct texts, ${combos.size} distinct answers), in-process, fresh conversation each`,
  );
  console.log(
    `  median ${fmt(percentile(sorted, 50))}  p90 ${fmt(percentile(sorted, 90))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted.at(-1) ?? 0)}`,
  );
  console.log(`  throughput ${((QUESTIONS / total) * 1000).toFixed(0)} questions/s`);
  console.log(
    `  peak memory: rss ${(peakRss / 1024 / 1024).toFixed(1)} MiB, heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`,
  );
  const p99 = percentile(sorted, 99);
  console.log(p99 <= 1 ? '  p99 target (≤ 1 ms): met' : `  p99 target (≤ 1 ms): NOT met (${fmt(p99)})`);
}

await main();
