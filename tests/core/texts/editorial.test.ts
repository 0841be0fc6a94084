import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill } from '../../../src/core/messages/compose.js';
import { OPEN_ENDED } from '../../../src/core/rulebase/facts.js';
import { allReplies } from '../../helpers/all-replies.js';
import { CARDS_DIR, converse, defaultRuleBase, RULES_DIR } from '../../helpers/rulebase.js';

/**
 * The editorial guard: every text a person can see — the text files, the answers in the rule files, the
 * dilemma cards and the replies the bot composes from them — is checked against the phrases a communications
 * adviser sent back (issue 14) and the patterns behind them. rules/teksten/STIJLGIDS.md says the same in words.
 */
const BANNED: [RegExp, string][] = [
  [/met meer dan €\d+ ligt de waarde boven de grens/i, 'zegt twee keer dat het boven de grens ligt'],
  [/meer dan (€[\d.,]+)[^.]*boven de grens van \1/i, 'zegt twee keer dat het boven de grens ligt'],
  [/hooguit (€[\d.,]+)[^.]*binnen de grens van \1/i, 'zegt twee keer dat het binnen de grens blijft'],
  [/Om samen over (door )?te praten/i, 'stroef: "om samen te bespreken"'],
  [/\b(Ja, aangenomen|Nee, afgeslagen)\b/, 'antwoord op een of-vraag met ja/nee'],
  [/Noem wat van toepassing is/i, 'boven knoppen waar je er één kiest'],
  [/\bnevenfunctie/i, 'de gedragscode zegt nevenwerkzaamheid'],
  [/\bnevenwerk\b/i, 'de gedragscode zegt nevenwerkzaamheid'],
  [/\b\d{4}-\d{2}-\d{2}\b/, 'een datum schrijf je als 24 november 2026'],
  [/\bUTC\b|\bGMT\b|\d{2}:\d{2}(:\d{2})?Z\b/, 'tijden in Nederlandse tijd'],
  [/\w\((en|s|n)\)/, 'een echt meervoud, geen "dag(en)"'],
  [/\b(kanaal\/kanalen|dag\/dagen|stem\/stemmen|vraag\/vragen)\b/, 'een echt meervoud, geen "kanaal/kanalen"'],
  [/\b0 geschenken en 0\b/, 'zeg gewoon dat er niets is'],
  [/\bgeen zakelijke relatie die ik\b/i, 'een samenvatting spreekt niet in de ik-vorm'],
  [/\bdat kan bij [A-Z]/, 'een route midden in een zin heeft een lidwoord: "bij de externe vertrouwenspersoon"'],
  [/\b(u|uw|U|Uw)\b/, 'we zeggen je, niet u'],
  [/\([^()]*\(/, 'haakjes binnen haakjes'],
  [/ [,.;:?!]| {2}/, 'spatie voor een leesteken of dubbele spatie'],
];

function check(where: string, raw: string): string[] {
  // A list line ("7K3Q9F2A  elke dinsdag …") keeps two spaces between its code and the rest.
  const text = raw.replace(/^(\S+) {2}(?=\S)/, '$1 ');
  return BANNED.filter(([pattern]) => pattern.test(text)).map(([pattern, why]) => `${where}: ${why} (${String(pattern)}): ${text.slice(0, 160)}`);
}

const SAMPLE: Record<string, string | number> = Object.fromEntries(
  ['code', 'jaar', 'titel', 'organisatie', 'functie', 'dag', 'besluit', 'sluit', 'keuze', 'kanalen', 'waarde', 'tijd',
    'omschrijving', 'notitie', 'id', 'drempel', 'dilemma', 'datum', 'dagen', 'betaald', 'wat', 'vragen', 'veld', 'uitslag',
    'nummer', 'maand', 'laatste', 'gever', 'eerste', 'bedrag', 'woord', 'wanneer', 'verdeling', 'van', 'tot', 'thema',
    'soort', 'rol', 'registratie', 'probleem', 'onderwerpen', 'letter', 'keuzes', 'kanaal', 'email', 'door', 'dilemmas',
    'coordinator', 'bestemming', 'bericht', 'minimum', 'max', 'vertrouwenspersonen'].map((name) => [name, 'iets']),
);

function ruleAnswers(): { name: string; tekst: string }[] {
  return readdirSync(RULES_DIR).filter((f) => f.endsWith('.json')).flatMap((file) => {
    const json = JSON.parse(readFileSync(join(RULES_DIR, file), 'utf8')) as { regels?: { name: string; event: { params: { tekst: string } } }[] };
    return (json.regels ?? []).map((r) => ({ name: `${file} ${r.name}`, tekst: r.event.params.tekst }));
  });
}

describe('every text people see reads as a communications adviser would send it', () => {
  const ruleBase = defaultRuleBase();

  it('the text files, in both the singular and the plural form', () => {
    const found: string[] = [];
    for (const key of ruleBase.texts.keys()) {
      for (const aantal of [1, 3]) found.push(...check(`${key} (${String(aantal)})`, ruleBase.texts.t(key, { ...SAMPLE, aantal })));
      // "1 dagen": a text with a number in it has a singular form (or a separate key for one).
      if (ruleBase.texts.has(`${key}_een`)) continue;
      const one = ruleBase.texts.t(key, { ...SAMPLE, aantal: 1 });
      if (/\b1 (dagen|kanalen|stemmen|vragen|antwoorden|mensen|registraties|geschenken)\b/.test(one)) found.push(`${key}: "1 …" in het meervoud`);
    }
    expect(found).toEqual([]);
  });

  it('the answers in the rule files, filled in with an amount, a bound at the threshold, and no amount', () => {
    const org = ruleBase.organisation;
    const limit = org.geschenkDrempel;
    const values = [
      { amount: 80, amountMin: 80, amountMax: 80 },
      { amount: 30, amountMin: 30, amountMax: 30 },
      { amount: limit, amountMin: limit + 0.01, amountMax: OPEN_ENDED },
      { amount: limit, amountMin: 0, amountMax: limit },
      { amount: null, amountMin: null, amountMax: null },
    ];
    const found: string[] = [];
    for (const { name, tekst } of ruleAnswers()) {
      for (const value of values) {
        found.push(...check(name, fill(ruleBase.texts, tekst, org, { ...value, situation: null })));
      }
    }
    expect(ruleAnswers().length).toBeGreaterThan(30);
    expect(found).toEqual([]);
  });

  it('the dilemma cards', () => {
    const found: string[] = [];
    for (const file of readdirSync(CARDS_DIR).filter((f) => f.endsWith('.json'))) {
      const card = JSON.parse(readFileSync(join(CARDS_DIR, file), 'utf8')) as Record<string, unknown>;
      const strings = JSON.stringify(card).match(/"(?:[^"\\]|\\.)*"/g) ?? [];
      for (const s of strings) if (s.includes(' ')) found.push(...check(file, JSON.parse(s) as string));
    }
    expect(found).toEqual([]);
  });

  it('the replies the bot composes, buttons included, through every kind of conversation', async () => {
    const replies = await allReplies();
    const extra = await Promise.all([
      ['Mag ik een taart aannemen?', 'meer dan €50'],
      ['Mag ik een taart aannemen?', '€50 of minder'],
      ['Ik word gepest'],
      ['Ik vermoed fraude bij een collega'],
      ['Wie is de vertrouwenspersoon?'],
      ['Ik word gepest', 'dank je'],
    ].map((turns) => converse(turns)));
    const found: string[] = [];
    // The raw export in Slack and Teams is data, not prose: the web chat's export file has its own columns.
    const exported = ruleBase.texts.t('mijn.export');
    for (const reply of [...replies, ...extra]) {
      if (!reply.text.startsWith(exported)) found.push(...check('antwoord', reply.text));
      for (const action of [...reply.actions, ...(reply.question?.choices ?? [])]) found.push(...check('knop', action.label));
      for (const contact of reply.contacts ?? []) found.push(...check('contact', contact.name));
    }
    expect(found).toEqual([]);
  });

  it('the routes are named as they read mid-sentence, so a list of them is a sentence', () => {
    for (const route of ruleBase.organisation.externeRoutes) expect(route.naam, route.naam).toMatch(/^(de|het|je|een|\d+)\b/);
  });

  it('"dank je" gets a short "graag gedaan", not the whole help text', async () => {
    const help = await converse(['help']);
    for (const thanks of ['dank je', 'bedankt!', 'dankjewel', 'top, dank je wel']) {
      const reply = await converse([thanks]);
      expect(reply.text, thanks).toMatch(/^Graag gedaan/);
      expect(reply.text.length, thanks).toBeLessThan(help.text.length / 2);
    }
  });
});
