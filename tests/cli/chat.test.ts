import { describe, expect, it } from 'vitest';
import { wrapForTerminal } from '../../src/cli/chat.js';
import { runCli } from '../helpers/cli.js';

describe('gedragsbot chat', () => {
  it('answers, offers numbered choices and takes a number as the choice', async () => {
    const { code, stdout } = await runCli(['chat'], 'Mag ik een fles wijn aannemen?\n2\nstop\n');
    expect(code).toBe(0);
    expect(stdout).toContain('Wat is de geschatte waarde?');
    expect(stdout).toContain('[1] €50 of minder');
    expect(stdout).toContain('[2] Meer dan €50');
    // Choice 2 ("meer dan €50") is sent as if typed: the bot refuses.
    expect(stdout).toContain('Nee, dit neem je niet aan');
    expect(stdout).toContain('Tot ziens!');
  });

  it('wraps on word boundaries within 80 columns, keeping phone numbers whole', async () => {
    const { stdout } = await runCli(['chat'], 'Ik word gepest\nstop\n');
    const lines = stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    // Put back together, the wrapped lines are the answer, and no word was cut in two.
    const joined = lines.map((l) => l.replace(/^(bot> |jij> | {5})/, '').trim()).join(' ');
    expect(joined).toContain('Wat naar dat je dit meemaakt of ziet; dit hoort niet. Een vertrouwenspersoon denkt vertrouwelijk met je mee');
    expect(joined).toContain('de externe vertrouwenspersoon (088 123 4500)');
    for (const line of lines) expect(line).not.toMatch(/\d $|^\s+\d{4}\)/);
  });

  it('lists a dilemma\'s choices once, by letter, and takes the letter', async () => {
    const { stdout } = await runCli(['chat'], 'geef me een dilemma over privégebruik\nb\nstop\n');
    const card = stdout.slice(stdout.indexOf('Dilemma:'), stdout.indexOf('Je koos'));
    expect(card).toMatch(/\n {5}A\. /);
    expect(card).toContain('Typ A, B of C om te kiezen.');
    // Not numbered a second time: the only numbered choice is Stoppen.
    expect(card.match(/\[\d\]/g)).toEqual(['[1]']);
    expect(card).toContain('[1] Stoppen');
    expect(stdout).toContain('Je koos B:');
  });

  it('wrapping hangs continued lines under their bullet and never cuts a long address', () => {
    const text = '  • Ruud Bakker — interne vertrouwenspersoon: 030 700 5678, https://intranet.gemeente.example/integriteit/vertrouwenspersonen/ruud-bakker';
    const lines = wrapForTerminal(text, 50);
    expect(lines[0]).toBe('  • Ruud Bakker — interne vertrouwenspersoon:');
    expect(lines[1]).toBe('    030 700 5678,');
    expect(lines[2]).toBe('    https://intranet.gemeente.example/integriteit/vertrouwenspersonen/ruud-bakker');
  });
});
