import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import type { UsageCount } from '../../../src/core/usage.js';
import { defaultDilemmas, defaultRuleBase } from '../../helpers/rulebase.js';

function setup() {
  const counts: UsageCount[] = [];
  const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(), {
    dilemmas: defaultDilemmas(),
    usage: { record: (c) => Promise.resolve(void counts.push(...c)) },
    random: () => 0,
  });
  return { bot, counts };
}

describe('practising dilemmas in chat', () => {
  it('a card by theme, a choice, feedback with the rule, then the next or stop', async () => {
    const { bot, counts } = setup();
    const card = await bot.reply('c', 'geef me een dilemma over geschenken', { channel: 'web' });
    const deck = defaultDilemmas();
    const shown = deck.cards.find((c) => card.text.includes(c.situatie));
    expect(shown?.thema).toBe('geschenken');
    // Each option is a button that says what it is (not just "B"), and carries only the option's letter.
    const labels = card.actions.map((a) => a.label);
    expect(labels.at(-1)).toBe('Stoppen');
    expect(labels.slice(0, -1).map((l) => l.slice(0, 3))).toEqual(shown?.opties.map((o) => `${o.id.toUpperCase()}. `));
    expect(labels.every((l) => l.length <= 64)).toBe(true);
    expect(card.actions.slice(0, -1).map((a) => [a.id, a.value])).toEqual(shown?.opties.map((o) => ['dilemma_keuze', o.id]));
    const feedback = await bot.reply('c', 'b', { channel: 'web' });
    expect(feedback.text).toContain(`Je koos B: ${shown?.opties[1]?.tekst ?? ''}`);
    expect(feedback.text).toContain(shown?.opties[1]?.feedback ?? '');
    expect(feedback.text).toContain('zodra minstens 5 mensen');
    expect(feedback.source).toBe(shown?.regel);
    expect(feedback.actions.map((a) => a.label)).toEqual(['Volgend dilemma', 'Stoppen']);
    expect(counts.filter((c) => c.event === 'dilemma')).toEqual([
      expect.objectContaining({ intent: 'dilemma', verdict: `${shown?.id ?? ''}:b`, channel: 'web' }),
    ]);
    const next = await bot.reply('c', 'Volgend dilemma', { channel: 'web' });
    expect(next.text).toMatch(/^Dilemma: /);
    expect((await bot.reply('c', 'Stoppen', { channel: 'web' })).text).toContain('Dank je wel voor het oefenen');
    // After stopping, "b" is no longer an answer to a card.
    expect((await bot.reply('c', 'b', { channel: 'web' })).text).not.toContain('Je koos');
  });

  it('shows how colleagues chose only once at least 5 have answered, without anyone\'s identity', async () => {
    const { bot } = setup();
    let last = '';
    for (let person = 1; person <= 5; person++) {
      await bot.reply(`p${String(person)}`, 'geef me een dilemma over informatie', { channel: 'slack', user: `slack:U${String(person)}` });
      last = (await bot.reply(`p${String(person)}`, person <= 3 ? 'b' : 'a', { channel: 'slack' })).text;
      if (person < 5) expect(last).toContain('zodra minstens 5 mensen');
    }
    expect(last).toContain('Zo kozen collega\'s (5 antwoorden, anoniem): A 40% · B 60% · C 0%');
  });

  it('shows unseen cards first: every card once before any repeats', async () => {
    const { bot } = setup();
    const seen = new Set<string>();
    for (let i = 0; i < defaultDilemmas().cards.length; i++) {
      const card = await bot.reply('c', i === 0 ? 'Geef me een dilemma' : 'Volgend dilemma', { channel: 'web' });
      seen.add(card.text.split('\n')[0] ?? '');
    }
    expect(seen.size).toBe(defaultDilemmas().cards.length);
  });

  it('answers with a number, "ik kies c" or the letter, and a real question still gets its answer', async () => {
    const { bot } = setup();
    await bot.reply('c', 'dilemma', { channel: 'web' });
    expect((await bot.reply('c', 'ik kies c', { channel: 'web' })).text).toMatch(/^Je koos C/);
    await bot.reply('c', 'nog een dilemma', { channel: 'web' });
    const question = await bot.reply('c', 'Mag ik een fles wijn van 30 euro aannemen?', { channel: 'web' });
    expect(question.intent).toBe('geschenk');
  });
});
