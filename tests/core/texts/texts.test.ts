import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { GedragsBot } from '../../../src/core/conversation/bot.js';
import { MemoryStateStore } from '../../../src/core/conversation/state.js';
import { RuleBaseError } from '../../../src/core/errors.js';
import { ACTION_IDS } from '../../../src/core/messages/model.js';
import { fieldsOf } from '../../../src/core/registers/fields.js';
import { loadRuleBase } from '../../../src/core/rulebase/load.js';
import { DILEMMA_THEMES } from '../../../src/core/dilemmas/schema.js';
import { MELD_KEUZES, MELD_SOORTEN } from '../../../src/core/rulebase/schema.js';
import { defaultRuleBase } from '../../helpers/rulebase.js';

/**
 * Every sentence a person sees lives in rules/teksten: the code names keys, the files hold the words, and
 * an organisation rewords a text without touching code.
 */
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SRC = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const sources = filesUnder(SRC).filter((f) => f.endsWith('.ts'));
const shipped = defaultRuleBase().texts;

describe('the text files', () => {
  it('hold every key the code asks for', () => {
    const used = new Set<string>();
    for (const file of sources) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:t|has)\(\s*'([a-z0-9_]+(?:\.[a-zA-Z0-9_]+)+)'/g)) used.add(m[1] ?? '');
      for (const m of readFileSync(file, 'utf8').matchAll(/userText: '([a-z0-9_.]+)'/g)) used.add(m[1] ?? '');
    }
    // Keys made from data: a rule's buttons, the registers' fields, the dilemma themes.
    for (const id of ACTION_IDS) used.add(`knop.${id}`);
    for (const theme of DILEMMA_THEMES) used.add(`dilemma.thema.${theme}`);
    for (const soort of MELD_SOORTEN) for (const part of ['soort', 'onderwerp', 'let_op']) used.add(`meldwijzer.${part}.${soort}`);
    for (const keuze of MELD_KEUZES) for (const part of ['keuze', 'routes']) used.add(`meldwijzer.${part}.${keuze}`);
    for (const kind of ['rol', 'wat', 'vervolg', 'bescherming', 'telefoon', 'email', 'website', 'intranet']) used.add(`contact.${kind}`);
    for (const register of ['geschenk', 'nevenwerk'] as const) {
      for (const part of ['samenvatting', 'opgeslagen', 'gewijzigd', 'formulier.titel', 'formulier.uitleg']) used.add(`registers.${register}.${part}`);
      for (const field of fieldsOf(register)) {
        for (const part of ['label', 'vraag', 'formulier', 'leeg']) used.add(`registers.${register}.${field.key}.${part}`);
        for (const option of field.kind === 'yesno' ? ['ja', 'nee'] : (field.options ?? [])) used.add(`registers.${register}.${field.key}.keuze.${option}`);
      }
    }
    const missing = [...used].filter((key) => !shipped.has(key)).sort();
    expect(missing).toEqual([]);
  });

  it('every text in the files reads as words for a person: no internal keys or leftovers', () => {
    for (const key of shipped.keys()) {
      const text = shipped.t(key, { aantal: 2 });
      expect(text, key).not.toMatch(/undefined|null|\bTODO\b/);
      expect(text, key).not.toMatch(/\b(toegestaan_melden|niet_toegestaan|misstand_melden|ongewenst_gedrag)\b/);
    }
  });
});

describe('no sentence for people in the code', () => {
  /**
   * Strings that are not for the people who chat with the bot: messages for IT and for whoever edits the rule
   * base or the dilemma cards (what `rules check` and `dilemmas check` print), the bodies Bot Framework and
   * scripts get on a refused request, and log lines.
   */
  const NOT_FOR_CHAT = [
    'core/rulebase/', 'core/dilemmas/load.ts', 'core/dilemmas/schema.ts', 'core/understanding/', 'core/texts/',
    'channels/teams/adapter.ts', 'channels/teams/package.ts', 'channels/slack/app.ts', 'channels/slack/poster.ts',
    'channels/teams/polls.ts', 'cli/', 'config.ts', 'server/main.ts', 'server/hr.ts', 'server/polls.ts',
    'server/protection.ts', 'store/', 'reports/', 'logging.ts', 'package-root.ts',
  ];
  const technical = (node: ts.Node, source: ts.SourceFile): boolean => {
    const parents: ts.Node[] = [];
    for (let p = node.parent as ts.Node | undefined; p; p = p.parent as ts.Node | undefined) parents.push(p);
    return parents.some((p) => (ts.isCallExpression(p) && /\.(warn|error|info|debug)$/.test(p.expression.getText(source)))
      || (ts.isNewExpression(p) && /Error$/.test(p.expression.getText(source))));
  };

  it('src/core, src/channels and the server say nothing to people except through rules/teksten', () => {
    const found: string[] = [];
    for (const file of sources) {
      const relative = file.slice(SRC.length + 1);
      if (NOT_FOR_CHAT.some((prefix) => relative.startsWith(prefix))) continue;
      const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node) => {
        if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
          // Three or more words of Dutch prose: a sentence someone would read.
          if (/^[A-Za-zÀ-ÿ'"“(][^/\\|{}]*\b[a-zà-ÿ]{2,} [a-zà-ÿ]{2,} [a-zà-ÿ]{2,}/.test(node.text) && !technical(node, source)) {
            found.push(`${relative}: ${node.text.slice(0, 60)}`);
          }
          return;
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(found).toEqual([]);
  });
});

describe('an organisation rewords texts without code', () => {
  function copiedRuleBase(): string {
    const dir = mkdtempSync(join(tmpdir(), 'gedragsbot-teksten-'));
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    return dir;
  }

  it('its own wording is used, and the shipped one for what it left out', async () => {
    const dir = copiedRuleBase();
    writeFileSync(join(dir, 'teksten', 'gesprek.json'), JSON.stringify({ teksten: { 'waarde.vraag': 'Hoeveel is het ongeveer waard?' } }));
    const bot = new GedragsBot(loadRuleBase(dir), new MemoryStateStore());
    const reply = await bot.reply('c', 'Mag ik een fles wijn aannemen?');
    expect(reply.text).toContain('Hoeveel is het ongeveer waard?');
    expect(reply.question?.choices.map((c) => c.label)).toContain('Weet ik niet');
  });

  it('an unknown key or placeholder is refused, naming the file and the key', () => {
    const dir = copiedRuleBase();
    writeFileSync(join(dir, 'teksten', 'eigen.json'), JSON.stringify({ teksten: { 'waarde.vragen': 'x' } }));
    writeFileSync(join(dir, 'teksten', 'gesprek.json'), JSON.stringify({ teksten: { 'waarde.vraag': 'Hoeveel {prijs}?' } }));
    const error = (() => {
      try {
        loadRuleBase(dir);
        return null;
      } catch (e) {
        return e as RuleBaseError;
      }
    })();
    expect(error).toBeInstanceOf(RuleBaseError);
    expect(error?.message).toContain('teksten: $.teksten["waarde.vragen"]: onbekende sleutel');
    expect(error?.message).toContain('onbekende invulplek {prijs}');
  });
});
