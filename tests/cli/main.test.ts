import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli } from '../helpers/cli.js';
import { copyOfRules, editJson } from '../helpers/rulebase.js';

const jsonl = (lines: unknown[]) =>
  `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`;
const parseLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('gedragsbot ask --jsonl', () => {
  it('answers one conversation per line, in order, as the state after the last turn', async () => {
    const input = jsonl([
      { id: 'a', turns: ['Mag ik deze fles champagne aannemen?', 'ongeveer 70 euro'] },
      { id: 'b', turns: ['Mag ik deze fles champagne aannemen?'] },
      { id: 'c', turns: ['70 euro'] },
    ]);
    const { code, stdout } = await runCli(['ask', '--jsonl'], input);
    expect(code).toBe(0);
    const [a, b, c] = parseLines(stdout);
    expect(a).toMatchObject({ id: 'a', intent: 'geschenk', verdict: 'niet_toegestaan', amount: 70 });
    expect(a?.text).toMatch(/^Nee/);
    expect(b).toMatchObject({ id: 'b', verdict: 'vraag', amount: null });
    // Lines are independent conversations: "70 euro" alone has no topic.
    expect(c).toMatchObject({ id: 'c', intent: 'onbekend' });
  });

  it('gives an error line for bad input, goes on, and exits 1', async () => {
    const input = jsonl(['{not json', { id: 'x' }, { id: 'y', turns: [] }, { id: 'z', turns: ['help'] }]);
    const { code, stdout } = await runCli(['ask', '--jsonl'], input);
    expect(code).toBe(1);
    const lines = parseLines(stdout);
    expect(lines).toHaveLength(4);
    expect(lines[0]?.error).toContain('geen geldige JSON');
    expect(lines[1]).toMatchObject({ id: 'x', error: expect.stringContaining('turns') });
    expect(lines[2]).toMatchObject({ id: 'y', error: expect.stringContaining('leeg') });
    expect(lines[3]).toMatchObject({ id: 'z', intent: 'help' });
  });
});

describe('gedragsbot ask "vraag"', () => {
  it('prints the answer for people', async () => {
    const { code, stdout } = await runCli(['ask', 'Mag ik een fles wijn van 30 euro aannemen?']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ja, dit mag je aannemen/);
    expect(stdout).toContain('Bron: Gedragscode');
  });

  it('with a threshold of 25 in a copy of rules/ refuses what the default allows and asks to report', async () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'organisatie.json'), (o) => Object.assign(o, { geschenkDrempel: 25 }));
    },
    );
    const question = 'Mag ik een fles wijn van 30 euro aannemen?';
    const copy = await runCli(['ask', '--rules', dir, question]);
    expect(copy.stdout).toMatch(/^Nee/);
    const standard = await runCli(['ask', question]);
    expect(standard.stdout).toMatch(/^Ja/);
    expect(standard.stdout).toContain('Meld het wel bij je leidinggevende');
  });

  it('asks for a question when none is given', async () => {
    const { code, stderr } = await runCli(['ask']);
    expect(code).toBe(2);
    expect(stderr).toContain('Geef een vraag mee');
  });
});

describe('gedragsbot rules check', () => {
  it('summarises a valid rule base', async () => {
    const { code, stdout } = await runCli(['rules', 'check']);
    expect(code).toBe(0);
    expect(stdout).toContain('Regelbasis in orde');
    expect(stdout).toContain('geschenkgrens €50');
    expect(stdout).toContain('meldwijzer: 11 routes');
  });

  it.each([
    [
      'an unknown operator',
      (d: string) => {
        editJson(join(d, 'geschenken.json'), (f) => {
          (f.regels as { conditions: { all: { operator: string }[] } }[])[0]!.conditions.all[0]!.operator
            = 'equals';
        });
      },
      /geschenken\.json: \$\.regels\[0\]\.conditions\.all\[0\]\.operator: onbekende operator "equals"/,
    ],
    [
      'a missing event',
      (d: string) => {
        editJson(join(d, 'nevenwerkzaamheden.json'), (f) => {
          delete (f.regels as Record<string, unknown>[])[0]!.event;
        });
      },
      /nevenwerkzaamheden\.json: \$\.regels\[0\]\.event: /,
    ],
    [
      'a meldwijzer route for an unknown kind',
      (d: string) => {
        editJson(join(d, 'meldwijzer.json'), (f) => {
          (f.routes as { soorten: string[] }[])[0]!.soorten = ['pesten'];
        });
      },
      /meldwijzer\.json: \$\.routes\[0\]\.soorten\[0\]: onbekende soort "pesten"/,
    ],
    [
      'wrong JSON',
      (d: string) => { writeFileSync(join(d, 'overig.json'), '{ "regels": [ }'); },
      /overig\.json: regel 1, kolom \d+: geen geldige JSON/,
    ],
  ])('%s: rules check and start-up exit non-zero naming file and path', async (_name, breakIt, expected) => {
    const dir = copyOfRules(breakIt);
    const check = await runCli(['rules', 'check', dir]);
    expect(check.code).not.toBe(0);
    expect(check.stderr).toMatch(expected);
    const startup = await runCli(['ask', '--rules', dir, 'help']);
    expect(startup.code).not.toBe(0);
    expect(startup.stderr).toMatch(expected);
  });
});

describe('the CLI as a process', () => {
  it('runs the built binary: ask --jsonl, and a clear message for an unknown command', () => {
    const ok = spawnCli(['ask', '--jsonl'], jsonl([{ id: 'p', turns: ['Wie is de vertrouwenspersoon?'] }]));
    expect(ok.code).toBe(0);
    expect(parseLines(ok.stdout)[0]).toMatchObject({
      id: 'p',
      intent: 'vertrouwenspersoon',
      verdict: 'doorverwijzen',
    });
    const bad = spawnCli(['vraag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Onbekende opdracht "vraag"');
    const option = spawnCli(['ask', '--onbekend']);
    expect(option.code).toBe(2);
  });

  it('fails fast with a clear message on a bad environment setting', () => {
    const result = spawnSyncWithEnv({ GEDRAGSBOT_STATE_TTL_MINUTES: 'lang' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GEDRAGSBOT_STATE_TTL_MINUTES');
    expect(result.stderr).toContain('.env.example');
  });
});

import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/cli.js';

function spawnSyncWithEnv(env: Record<string, string>) {
  return spawnSync(process.execPath, [`${ROOT}/dist/src/cli/main.js`, 'ask', 'help'], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
}
