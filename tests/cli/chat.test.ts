import { describe, expect, it } from 'vitest';
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
});
