import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GedragsBot } from '../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../src/core/conversation/state.js';
import type { BotReply } from '../../src/core/messages/model.js';
import { MELD_KEUZES, MELD_SOORTEN } from '../../src/core/rulebase/schema.js';
import { FakeRegisters } from './fake-registers.js';
import { defaultRuleBase } from './rulebase.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** Conversations that walk through every kind of reply the core can give, registration flows included. */
const FLOWS: string[][] = [
  ['Ik wil een geschenk registreren', 'Gekregen', 'gisteren', 'Fles wijn', '25', 'Bouw BV', 'Leverancier', 'Ja, aangenomen', 'Gedeeld met het team', 'Wijzigen', 'Waarde', '-1', '30', 'Opslaan'],
  ['Ik wil mijn bijbaan registreren', 'VV Oost', 'trainer', 'Betaald', '4', 'september 2024', 'Geen einddatum', 'Subsidie', 'Nee', 'Opslaan', 'mijn registraties', 'exporteer mijn gegevens', 'wijzig 1', 'Annuleren', 'verwijder mijn gegevens', 'Nee'],
  ['Mag ik een fles wijn van 80 euro aannemen?', 'Ik wil een geschenk registreren', 'vandaag', 'Wijn', 'Bouw BV', 'Opslaan', 'trek 1 in'],
  ['Ik wil doorgeven dat ik geen nevenwerkzaamheden heb', 'Opslaan', 'bevestig mijn nevenwerkzaamheden'],
  ['', '🎁', '<@U1> <b>help</b>', 'x'.repeat(10_000), 'alle registraties'],
];

export async function allReplies(): Promise<BotReply[]> {
  const replies: BotReply[] = [];
  const conversations: string[][] = [...FLOWS];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(`${FIXTURES}${file}`, 'utf8').split('\n').filter(Boolean)) {
      conversations.push((JSON.parse(line) as { turns: string[] }).turns);
    }
  }
  for (const turns of conversations) {
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(), { registers: new FakeRegisters() });
    for (const turn of turns) replies.push(await bot.reply('c', turn, { channel: 'web', user: 'web:test' }));
  }
  // The meldwijzer, every kind and choice: its questions and the routes with their links.
  for (const soort of MELD_SOORTEN) {
    for (const keuze of MELD_KEUZES) {
      const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore());
      for (const action of [{ id: 'meldroutes', value: '' }, { id: 'meldwijzer_soort', value: soort }, { id: 'meldwijzer_keuze', value: `${soort}:${keuze}` }] as const) {
        replies.push(await bot.act('c', action, { channel: 'web', user: 'web:test' }));
      }
    }
  }
  return replies;
}
