import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import { converse, defaultRuleBase } from '../../helpers/rulebase.js';

describe('follow-up questions over turns', () => {
  it.each([
    [['Mag ik deze fles champagne aannemen?', 'ongeveer 70 euro'], 'niet_toegestaan', 70],
    [['Ik heb een kerstpakket gekregen van een leverancier', '40 euro'], 'toegestaan_melden', 40],
    [['Mag ik een taart aannemen?', 'ik denk 200'], 'niet_toegestaan', 200],
    [['Mag ik een taart aannemen?', 'zestig'], 'niet_toegestaan', 60],
    [['Mag ik een taart aannemen?', '€50 of minder'], 'toegestaan_melden', 50],
    [['Mag ik een taart aannemen?', 'meer dan €50'], 'niet_toegestaan', 50],
    [['Mag ik een taart aannemen?', 'weet ik niet'], 'overleggen', null],
    [['mag ik bloemen aannemen', 'geen idee'], 'overleggen', null],
    [['Mag ik een taart aannemen?', 'niet veel, een kleinigheid'], 'toegestaan_melden', null],
  ])('%j → %s', async (turns, verdict, amount) => {
    expect(await converse(turns)).toMatchObject({ intent: 'geschenk', verdict, amount });
  });

  it('a reply that names a voucher changes the kind of gift', async () => {
    expect(await converse(['Mag ik een cadeau aannemen?', 'het is een cadeaubon van 20 euro'])).toMatchObject(
      {
        verdict: 'niet_toegestaan',
        amount: 20,
      },
    );
  });

  it('a new question starts a new topic', async () => {
    expect(await converse(['Mag ik een fles wijn aannemen?', 'Wie is de vertrouwenspersoon?'])).toMatchObject(
      {
        intent: 'vertrouwenspersoon',
      },
    );
    expect(
      await converse(['Mag ik een fles wijn aannemen?', 'Mag ik privé printen op het werk?']),
    ).toMatchObject({
      intent: 'privegebruik',
      verdict: 'toegestaan',
    });
  });

  it('asks again when the reply holds no value, then gives up asking', async () => {
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore());
    await bot.reply('c', 'Mag ik een fles wijn aannemen?');
    const again = await bot.reply('c', 'hmm lastig');
    expect(again).toMatchObject({ verdict: 'vraag', intent: 'geschenk' });
    expect(again.text).toContain('Wat is de geschatte waarde?');
    expect(await bot.reply('c', '30 euro')).toMatchObject({ verdict: 'toegestaan_melden', amount: 30 });
  });

  it('the topic expires after the configured time', async () => {
    let now = 0;
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore(30 * 60_000, () => now), { now: () => now });
    await bot.reply('c', 'Mag ik een fles wijn aannemen?');
    now += 29 * 60_000;
    expect((await bot.reply('c', '70 euro')).verdict).toBe('niet_toegestaan');
    await bot.reply('c', 'Mag ik een fles wijn aannemen?');
    now += 31 * 60_000;
    expect((await bot.reply('c', '70 euro')).intent).toBe('onbekend');
  });

  it('conversations do not share state', async () => {
    const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore());
    await bot.reply('anna', 'Mag ik een fles wijn aannemen?');
    expect((await bot.reply('bram', '70 euro')).intent).toBe('onbekend');
    expect((await bot.reply('anna', '70 euro')).verdict).toBe('niet_toegestaan');
  });

  it('remembers facts, never the message text', async () => {
    const states = new MemoryStateStore();
    const bot = new GedragsBot(defaultRuleBase(), states);
    await bot.reply('c', 'Mag ik de fles Moët van meneer Jansen aannemen?');
    expect(JSON.stringify(await states.get('c'))).not.toMatch(/jansen|moet|fles/i);
  });
});

describe('hostile input gets a kind Dutch reply, never a crash', () => {
  const bot = new GedragsBot(defaultRuleBase(), new MemoryStateStore());
  it.each([
    ['empty', ''],
    ['only spaces', '   \n\t '],
    ['10,000 characters', 'mag ik '.repeat(1500)],
    ['only emoji', '🎁🍾🤔'],
    ['control characters', '\u0000\u0007\u001b[31m\u202e'],
    ['HTML', '<script>alert(1)</script><b>Mag ik</b> een <i>cadeau</i> aannemen?'],
    ['markdown', '**Mag ik** _een_ `fles wijn` van ~~€30~~ aannemen?'],
    ['a Slack mention', '<@U123> mag ik een fles wijn van 30 euro aannemen?'],
    ['not a string', 42 as unknown as string],
    ['null', null as unknown as string],
    ['a Slack link', '<https://example.com|kijk hier>'],
  ])('%s', async (_name, input) => {
    const reply = await bot.reply(`hostile-${_name}`, input);
    expect(reply.text.length).toBeGreaterThan(20);
    expect(reply.text).not.toMatch(/undefined|null|NaN|\{[a-z]+\}|<script/);
  });

  it('reads the question inside markup and mentions', async () => {
    expect(await bot.reply('m', '<@U123> mag ik een fles wijn van 30 euro aannemen?')).toMatchObject({
      verdict: 'toegestaan_melden',
      amount: 30,
    });
    expect(await bot.reply('h', '<p>Mag ik een <b>cadeaubon</b> aannemen?</p>')).toMatchObject({
      verdict: 'niet_toegestaan',
    });
  });
});
