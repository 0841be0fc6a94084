import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GedragsBot, type TurnContext } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import { RuleBaseError } from '../../../src/core/errors.js';
import { asksWhereToReport, routesFor } from '../../../src/core/meldwijzer/flow.js';
import type { BotReply } from '../../../src/core/messages/model.js';
import { loadRuleBase, type RuleBase } from '../../../src/core/rulebase/load.js';
import { MELD_KEUZES, MELD_SOORTEN, type MeldKeuze, type MeldSoort } from '../../../src/core/rulebase/schema.js';
import type { UsageCount } from '../../../src/core/usage.js';
import { copyOfRules, defaultRuleBase, editJson } from '../../helpers/rulebase.js';

const WEB: TurnContext = { channel: 'web', user: 'web:bezoeker-1' };

function setup(ruleBase: RuleBase = defaultRuleBase(), options = { meldwijzerOnRequest: true }) {
  const counts: UsageCount[] = [];
  const states = new MemoryStateStore();
  const usage = { record: (c: UsageCount[]) => Promise.resolve(void counts.push(...c)) };
  const bot = new GedragsBot(ruleBase, states, { usage, ...options });
  return { bot, counts, states };
}

/** Under a referral, "Waar kan ik dit melden?", then the kind, then advice or report: the routes shown. */
async function walk(bot: GedragsBot, soort: MeldSoort, keuze: MeldKeuze): Promise<[BotReply, BotReply, BotReply]> {
  const first = await bot.act('c', { id: 'meldroutes', value: '' }, WEB);
  const pressKind = first.question?.choices.find((c) => c.value === soort);
  const second = await bot.act('c', { id: pressKind!.id, value: pressKind!.value }, WEB);
  const pressWay = second.question?.choices.find((c) => c.value.endsWith(`:${keuze}`));
  const third = await bot.act('c', { id: pressWay!.id, value: pressWay!.value }, WEB);
  return [first, second, third];
}

const names = (reply: BotReply) => (reply.contacts ?? []).map((c) => c.name);
const people = defaultRuleBase().organisation.vertrouwenspersonen.map((p) => p.naam);

/** What the shipped meldwijzer.json must lead to, per kind: routes that fit, and routes that never may. */
const EXPECTED: Record<MeldSoort, { advies: string[]; melden: string[]; never: RegExp[] }> = {
  ongewenst_gedrag: {
    advies: ['Een interne vertrouwenspersoon', 'De externe vertrouwenspersoon'],
    melden: ['Je leidinggevende of HR', 'Klachtencommissie ongewenst gedrag'],
    never: [/Klokkenluiders/, /meldregeling/i, /politie/i, /Privacy/],
  },
  integriteit: {
    advies: ['Een interne vertrouwenspersoon', 'De externe vertrouwenspersoon'],
    melden: ['Je leidinggevende of HR', 'Melden via de meldregeling'],
    never: [/Klachtencommissie/, /Privacy/, /^112/],
  },
  misstand: {
    advies: ['Een interne vertrouwenspersoon', 'De externe vertrouwenspersoon', 'Huis voor Klokkenluiders: advies'],
    melden: ['Melden via de meldregeling', 'Huis voor Klokkenluiders: extern melden'],
    never: [/Klachtencommissie/, /Privacy/, /politie/i],
  },
  misdrijf: {
    advies: ['112 bij direct gevaar', 'Een interne vertrouwenspersoon', 'De externe vertrouwenspersoon', 'De politie'],
    melden: ['112 bij direct gevaar', 'Je leidinggevende of HR', 'De politie'],
    never: [/Klachtencommissie/, /Klokkenluiders/, /Privacy/],
  },
  datalek: {
    advies: ['Privacyteam en functionaris gegevensbescherming (FG)'],
    melden: ['Privacyteam en functionaris gegevensbescherming (FG)', 'De servicedesk'],
    never: [/Klachtencommissie/, /Klokkenluiders/, /politie/i, /vertrouwenspersoon/i],
  },
};

describe('the meldwijzer leads each kind to its configured routes and never to one that does not fit', () => {
  describe.each(MELD_SOORTEN)('%s', (soort) => {
    it.each(MELD_KEUZES)('%s: exactly the routes of meldwijzer.json for this kind and choice', async (keuze) => {
      const { bot } = setup();
      const [first, second, routes] = await walk(bot, soort, keuze);
      // Two questions with buttons that carry codes, never a sentence to read again.
      expect(first.question?.choices.map((c) => [c.id, c.value])).toEqual(MELD_SOORTEN.map((s) => ['meldwijzer_soort', s]));
      expect(second.question?.choices.map((c) => [c.id, c.value])).toEqual(MELD_KEUZES.map((k) => ['meldwijzer_keuze', `${soort}:${k}`]));
      const configured = routesFor(defaultRuleBase().meldwijzer!, soort, keuze);
      const shown = names(routes).filter((n) => !people.includes(n));
      expect(shown).toEqual(configured.map((r) => r.naam));
      expect(shown).toEqual(EXPECTED[soort][keuze]);
      for (const never of EXPECTED[soort].never) expect(shown.filter((n) => never.test(n)), String(never)).toEqual([]);
      const others = defaultRuleBase().meldwijzer!.routes.filter((r) => !configured.includes(r));
      for (const other of others) expect(shown).not.toContain(other.naam);
      // Each route says what happens next and how you are protected.
      for (const contact of routes.contacts!.filter((c) => !people.includes(c.name))) {
        expect(contact.details.map((d) => d.kind)).toEqual(expect.arrayContaining(['wat', 'vervolg', 'bescherming']));
      }
      expect(routes.verdict).toBe('doorverwijzen');
      expect(routes.text).not.toMatch(/\{[a-z]+\}/);
    });
  });

  it('a misstand names the Wet bescherming klokkenluiders: receipt within 7 days, feedback within 3 months', async () => {
    const [, , routes] = await walk(setup().bot, 'misstand', 'melden');
    const text = JSON.stringify(routes.contacts);
    expect(text).toContain('Wet bescherming klokkenluiders');
    expect(text).toContain('Binnen 7 dagen krijg je een ontvangstbevestiging');
    expect(text).toContain('binnen 3 maanden');
    const [, , advice] = await walk(setup().bot, 'misstand', 'advies');
    expect(names(advice)).toEqual(expect.arrayContaining(['Huis voor Klokkenluiders: advies', ...people]));
  });

  it('a datalek names the 72 hours, a crime or threat puts 112 first', async () => {
    const [, second, leak] = await walk(setup().bot, 'datalek', 'melden');
    expect(second.text).toContain('72 uur');
    expect(JSON.stringify(leak.contacts)).toContain('72 uur');
    const [, danger, crime] = await walk(setup().bot, 'misdrijf', 'advies');
    expect(danger.text).toMatch(/^Ben jij of is iemand anders nu in gevaar\? Bel dan meteen 112\./);
    expect(crime.contacts?.[0]).toMatchObject({ name: '112 bij direct gevaar', details: expect.arrayContaining([{ kind: 'telefoon', label: 'Telefoon', value: '112' }]) });
  });
});

describe('an organisation configures its routes without code', () => {
  it('a route added to a copied rule base is shown for the kinds it serves, and only there', async () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'meldwijzer.json'), (json) => {
        (json.routes as unknown[]).push({
          id: 'maatschappelijk_werk',
          naam: 'Bedrijfsmaatschappelijk werk',
          omschrijving: 'Praten over wat het met je doet, los van een melding.',
          vervolg: 'Je krijgt binnen een week een eerste gesprek.',
          bescherming: 'Het gesprek is vertrouwelijk; je werkgever hoort niets zonder jouw toestemming.',
          telefoon: '030 700 9999',
          url: 'https://intranet.gemeente.example/bmw',
          soorten: ['ongewenst_gedrag'],
          voor: ['advies'],
        });
      });
    });
    const ruleBase = loadRuleBase(dir);
    const [, , advice] = await walk(setup(ruleBase).bot, 'ongewenst_gedrag', 'advies');
    expect(names(advice)).toContain('Bedrijfsmaatschappelijk werk');
    const added = advice.contacts?.find((c) => c.name === 'Bedrijfsmaatschappelijk werk');
    expect(added?.details).toEqual(expect.arrayContaining([{ kind: 'telefoon', label: 'Telefoon', value: '030 700 9999' }]));
    const [, , report] = await walk(setup(ruleBase).bot, 'ongewenst_gedrag', 'melden');
    expect(names(report)).not.toContain('Bedrijfsmaatschappelijk werk');
    const [, , other] = await walk(setup(ruleBase).bot, 'integriteit', 'advies');
    expect(names(other)).not.toContain('Bedrijfsmaatschappelijk werk');
  });

  it('rules check refuses a kind without a route, an unknown kind, a doubled code and an unknown intranet page', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'meldwijzer.json'), (json) => {
        const routes = json.routes as { id: string; soorten: string[]; voor: string[]; intranet?: string }[];
        const kept = routes.filter((r) => !r.soorten.includes('datalek'));
        kept[1]!.intranet = 'bestaat_niet';
        kept.push({ ...kept[0]!, soorten: ['datalekken'] });
        json.routes = kept;
      });
    });
    let error: unknown;
    try {
      loadRuleBase(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleBaseError);
    const message = (error as Error).message;
    expect(message).toContain('meldwijzer.json');
    expect(message).toContain('onbekende soort "datalekken"');
    const fixed = copyOfRules((d) => {
      editJson(join(d, 'meldwijzer.json'), (json) => {
        const routes = json.routes as { id: string; soorten: string[]; intranet?: string }[];
        const kept = routes.filter((r) => !r.soorten.includes('datalek'));
        kept[1]!.intranet = 'bestaat_niet';
        kept.push({ ...kept[0]! });
        json.routes = kept;
      });
    });
    const problems = (() => {
      try {
        loadRuleBase(fixed);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(problems).toContain('geen route voor soort "datalek" met keuze "advies"');
    expect(problems).toContain('de code "direct_gevaar" staat er twee keer in');
    expect(problems).toContain('"bestaat_niet" staat niet onder "intranet" in organisatie.json');
  });

  it('without meldwijzer.json the button names the routes of organisatie.json, as before', async () => {
    const dir = copyOfRules();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'meldwijzer.json'));
    const { bot } = setup(loadRuleBase(dir));
    const reply = await bot.act('c', { id: 'meldroutes', value: '' }, WEB);
    expect(reply).toMatchObject({ intent: 'misstand_melden', verdict: 'doorverwijzen' });
    expect(reply.question).toBeUndefined();
    expect(names(reply).some((n) => /Huis voor Klokkenluiders/.test(n))).toBe(true);
  });
});

describe('starting, safety and what is kept', () => {
  it('"waar kan ik dit melden" in a chat starts it; ask keeps the referral answer with the button under it', async () => {
    for (const question of ['Waar kan ik dit melden?', 'ik wil iets melden', 'Hoe meld ik een vermoeden van fraude?', 'Waar kan ik een integriteitsschending melden?']) {
      expect(asksWhereToReport(question), question).toBe(true);
      const chat = await setup().bot.reply('c', question, WEB);
      expect(chat.question?.slot, question).toBe('meldwijzer');
      expect(chat.verdict).toBe('doorverwijzen');
      const ask = await setup(defaultRuleBase(), { meldwijzerOnRequest: false }).bot.reply('ask', question);
      expect(ask.question, question).toBeUndefined();
      expect(ask.actions.map((a) => [a.id, a.label])).toContainEqual(['meldroutes', 'Waar kan ik dit melden?']);
    }
  });

  it('a side job or gift to report, or danger, is not a meldwijzer', async () => {
    expect(asksWhereToReport('hoe meld ik me ziek', true)).toBe(false);
    expect(asksWhereToReport('Waar kan ik dit melden?', true)).toBe(true);
    for (const question of ['Waar meld ik mijn nevenfunctie?', 'Hoe meld ik een geschenk?', 'Hoe meld ik me ziek?']) {
      const reply = await setup().bot.reply('c', question, WEB);
      expect(reply.question?.slot, question).not.toBe('meldwijzer');
    }
    const threat = await setup().bot.reply('c', 'Waar meld ik dat een inwoner me heeft bedreigd met geweld?', WEB);
    expect(threat.question).toBeUndefined();
    expect(threat.text).toContain('112');
  });

  it('distress in the middle gets the safety answer first, and the meldwijzer stops waiting', async () => {
    const { bot, states } = setup();
    await bot.act('c', { id: 'meldroutes', value: '' }, WEB);
    await bot.act('c', { id: 'meldwijzer_soort', value: 'ongewenst_gedrag' }, WEB);
    const safety = await bot.reply('c', 'ik wil eigenlijk niet meer leven', WEB);
    expect(safety.intent).toBe('steun');
    expect(safety.text).toContain('0800-0113');
    expect((await states.get('c'))?.meldwijzer).toBeUndefined();
  });

  it('a typed number answers the open question; something else is answered as itself', async () => {
    const { bot } = setup();
    await bot.act('c', { id: 'meldroutes', value: '' }, WEB);
    const second = await bot.reply('c', '3', WEB);
    expect(second.question?.choices.map((c) => c.value)).toEqual(['misstand:advies', 'misstand:melden']);
    const routes = await bot.reply('c', 'Ik wil het melden', WEB);
    expect(names(routes)).toContain('Huis voor Klokkenluiders: extern melden');
    await bot.act('c', { id: 'meldroutes', value: '' }, WEB);
    const gift = await bot.reply('c', 'Mag ik een fles wijn van 20 euro aannemen?', WEB);
    expect(gift).toMatchObject({ intent: 'geschenk', verdict: 'toegestaan_melden' });
  });

  it('keeps only the codes chosen and counts each route shown, without anyone\'s identity', async () => {
    const { bot, states, counts } = setup();
    await bot.act('c', { id: 'meldroutes', value: '' }, WEB);
    await bot.act('c', { id: 'meldwijzer_soort', value: 'misstand' }, WEB);
    const kept = await states.get('c');
    expect(kept?.meldwijzer).toEqual({ soort: 'misstand' });
    await bot.act('c', { id: 'meldwijzer_keuze', value: 'misstand:melden' }, WEB);
    expect((await states.get('c'))?.meldwijzer).toBeUndefined();
    const routes = counts.filter((c) => c.event === 'meldroute');
    expect(routes.map((c) => [c.intent, c.verdict, c.channel])).toEqual([
      ['misstand', 'meldregeling', 'web'],
      ['misstand', 'huis_klokkenluiders_melding', 'web'],
    ]);
    expect(JSON.stringify(counts)).not.toContain('bezoeker-1');
  });

  it('an old button whose kind is unknown is answered kindly', async () => {
    const reply = await setup().bot.act('c', { id: 'meldwijzer_keuze', value: 'iets:melden' }, WEB);
    expect(reply.text).toContain('eerder moment');
  });
});
