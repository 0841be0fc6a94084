import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import { menuReply } from '../../../src/core/messages/compose.js';
import { privacyReply } from '../../../src/core/messages/privacy.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

const RULES = defaultRuleBase();

describe('"Wat bewaren we?"', () => {
  it('says what is kept, for how long and who sees it, with the installation\'s own numbers', () => {
    const facts = { memoryMinutes: 30, retentionMonths: 18, cookieDays: 14, questionDays: 30 };
    const web = privacyReply(RULES.texts, facts, true).text;
    expect(web).toContain('Je berichten bewaren we niet');
    expect(web).toContain('per uur, per thema en per kanaal');
    expect(web).toContain('30 minuten');
    expect(web).toContain('18 maanden');
    expect(web).toContain('Alleen jij en de integriteitscoördinator');
    expect(web).toContain('tot 30 dagen nadat hij is afgesloten');
    expect(web).toContain('na 14 dagen');
    const chat = privacyReply(RULES.texts, { memoryMinutes: 1, retentionMonths: 60, cookieDays: 30 }, false).text;
    expect(chat).toContain('1 minuut');
    expect(chat).toContain('5 jaar');
    expect(chat).not.toContain('cookie');
    expect(chat).not.toContain('voorlegt');
  });

  it('is in the menu, and the bot answers the button and the question in words', async () => {
    expect(menuReply(RULES.texts, RULES.organisation).actions.map((a) => a.id)).toContain('wat_bewaren_we');
    const bot = new GedragsBot(RULES, new MemoryStateStore());
    const pressed = await bot.act('c', { id: 'wat_bewaren_we', value: '' }, { channel: 'web', user: 'web:x' });
    expect(pressed.text).toContain('cookie');
    const typed = await bot.reply('c', 'Wat bewaren jullie?', { channel: 'slack', user: 'slack:U1' });
    expect(typed.text).toContain('Je berichten bewaren we niet');
    expect(typed.text).not.toContain('cookie');
  });
});
