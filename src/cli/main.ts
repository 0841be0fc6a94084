#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config.js';
import { GedragsbotError, RuleBaseError } from '../core/errors.js';
import type { RuleBase } from '../core/rulebase/load.js';
import type { StoreServices } from '../store/index.js';
import type { StatsOptions } from './stats.js';

/*
 * Each command imports what it needs when it runs: `ask` should not pay for the store's drivers, and
 * no command but `poll` for botbuilder and the Slack client (over a thousand files between them).
 */

const USAGE = `Gebruik: gedragsbot <opdracht>

  ask "vraag"                  beantwoord één vraag
  ask --jsonl < in.jsonl       beantwoord een gesprek per regel (zie ask-contract)
  chat                         praat met de bot in de terminal
  rules check [MAP]            controleer een regelbasis en vat die samen
  stats [--from D] [--to D] [--by week|month|quarter|intent|verdict|channel]
        [--format table|csv|json] [--event vraag|doorverwijzing|registratie|…]
  stats --year 2026            jaaroverzicht voor het integriteitsverslag
  register list|export [--register geschenk|nevenwerk|alle] [--from D] [--to D]
        [--status actief|ingetrokken] [--unreviewed] [--format table|csv|json]
  register review CODE [--register geschenk|nevenwerk] --note "…"   (CODE: G-7K3Q of het begin van het id)
  nevenwerk jaarcheck [--year 2026] [--format table|json]
  retention run [--months 60] [--dry-run]
  dilemmas check [MAP]         controleer de dilemmakaarten (standaard cards/dilemmas/)
  poll plan --kanaal slack:C0123 [--kanaal teams:19:…] --dag dinsdag --tijd 10:00
        [--dilemma ID] [--dagen 3] [--zonder-herinnering]
  poll lijst | poll annuleer CODE | poll nu --kanaal … [--dilemma ID]
  poll run-due [--now 2026-11-24T10:00:00+01:00]   voer uit wat op dat moment moet gebeuren

Opties:
  --rules MAP                  gebruik deze regelbasis in plaats van rules/
  --store URL                  sqlite:PAD of postgres://… (ask telt dan het gebruik)
  -h, --help                   deze hulp`;

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

async function load(dir: string, io: Io): Promise<RuleBase | null> {
  const { loadRuleBase } = await import('../core/rulebase/load.js');
  try {
    return loadRuleBase(dir);
  } catch (error) {
    if (error instanceof RuleBaseError) {
      io.stderr.write(`${error.message}\n`);
      return null;
    }
    throw error;
  }
}

interface Context {
  values: ParsedValues;
  rest: string[];
  io: Io;
  config: Config;
  rulesDir: string;
  /** Opens the store on first use; closed when the command ends. */
  services(url?: string): Promise<StoreServices>;
}

type Command = (ctx: Context) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  async rules({ rest, io, rulesDir }) {
    if (rest[0] !== 'check') {
      io.stderr.write(`Onbekende opdracht "rules ${rest[0] ?? ''}". Bedoel je "rules check"?\n`);
      return 2;
    }
    const ruleBase = await load(rest[1] ? resolve(rest[1]) : rulesDir, io);
    if (!ruleBase) return 1;
    const { summarise } = await import('./rules-check.js');
    io.stdout.write(`${summarise(ruleBase)}\n`);
    return 0;
  },

  async ask(ctx) {
    const ruleBase = await load(ctx.rulesDir, ctx.io);
    if (!ruleBase) return 2;
    const { noUsage } = await import('../core/usage.js');
    const { askJsonl, formatForPeople } = await import('./ask.js');
    // The contract: ask writes nothing unless --store is given.
    const usage = ctx.values.store ? (await ctx.services(ctx.values.store)).usage : noUsage;
    if (ctx.values.jsonl) {
      const { failures } = await askJsonl(ruleBase, ctx.io.stdin, ctx.io.stdout, usage);
      return failures > 0 ? 1 : 0;
    }
    const question = ctx.rest.join(' ').trim();
    if (!question) {
      ctx.io.stderr.write('Geef een vraag mee, bijvoorbeeld: gedragsbot ask "Mag ik een fles wijn van 30 euro aannemen?"\n');
      return 2;
    }
    const { GedragsBot } = await import('../core/conversation/bot.js');
    const { MemoryStateStore } = await import('../core/conversation/state.js');
    const reply = await new GedragsBot(ruleBase, new MemoryStateStore(), { usage }).reply('ask', question);
    ctx.io.stdout.write(`${formatForPeople(reply)}\n`);
    return 0;
  },

  async chat(ctx) {
    const ruleBase = await load(ctx.rulesDir, ctx.io);
    if (!ruleBase) return 2;
    const services = await ctx.services();
    const { chat } = await import('./chat.js');
    const { loadDilemmas } = await import('../core/dilemmas/load.js');
    await chat(ruleBase, ctx.io.stdin, ctx.io.stdout, {
      stateTtlMs: ctx.config.stateTtlMs,
      usage: services.usage,
      registers: services.registers,
      coordinator: services.coordinator,
      user: `cli:${userInfo().username}`,
      dilemmas: loadDilemmas(ctx.config.cardsDir),
      tally: services.tally,
    });
    return 0;
  },

  async dilemmas({ rest, io, config }) {
    if (!needs(rest[0], 'check', io, 'dilemmas')) return 2;
    const dir = rest[1] ? resolve(rest[1]) : config.cardsDir;
    const { DilemmaError, loadDilemmas } = await import('../core/dilemmas/load.js');
    const { describeDeck } = await import('./dilemmas-check.js');
    try {
      const deck = loadDilemmas(dir);
      io.stdout.write(`${describeDeck(deck)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DilemmaError)) throw error;
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
  },

  async poll(ctx) {
    const { pollCommand } = await import('./polls.js');
    const { output, code } = await pollCommand(await ctx.services(), ctx.config, ctx.rest, ctx.values);
    (code === 0 ? ctx.io.stdout : ctx.io.stderr).write(`${output}\n`);
    return code;
  },

  async register(ctx) {
    const { registerCommand } = await import('./registers.js');
    const { readTexts } = await import('../core/texts/load.js');
    const texts = readTexts(ctx.rulesDir);
    const output = await registerCommand(await ctx.services(), ctx.rest[0], ctx.rest.slice(1), ctx.values, texts);
    ctx.io.stdout.write(line(output));
    return 0;
  },

  async nevenwerk(ctx) {
    if (!needs(ctx.rest[0], 'jaarcheck', ctx.io, 'nevenwerk')) return 2;
    const { yearlyCheck } = await import('./registers.js');
    ctx.io.stdout.write(`${await yearlyCheck(await ctx.services(), ctx.values)}\n`);
    return 0;
  },

  async retention(ctx) {
    if (!needs(ctx.rest[0], 'run', ctx.io, 'retention')) return 2;
    const { retention } = await import('./registers.js');
    const raw = { ...ctx.values, dryRun: ctx.values['dry-run'] };
    ctx.io.stdout.write(`${await retention(await ctx.services(), raw, ctx.config.retentionMonths)}\n`);
    return 0;
  },

  async stats(ctx) {
    const { from, to, by, format, event, year } = ctx.values;
    const { stats } = await import('./stats.js');
    const { readTexts } = await import('../core/texts/load.js');
    const { readMeldroutes } = await import('../core/rulebase/load.js');
    const options = { from, to, by, format, event, year } as StatsOptions;
    const output = await stats(await ctx.services(), options, readTexts(ctx.rulesDir), readMeldroutes(ctx.rulesDir));
    ctx.io.stdout.write(line(output));
    return 0;
  },
};

/** CSV already ends its last row; everything else gets its line end here. */
function line(output: string): string {
  return output.endsWith('\n') ? output : `${output}\n`;
}

function needs(word: string | undefined, expected: string, io: Io, command: string): boolean {
  if (word === expected) return true;
  io.stderr.write(`Onbekende opdracht "${command} ${word ?? ''}". Bedoel je "${command} ${expected}"?\n`);
  return false;
}

/** Runs one CLI command; returns the exit code (0 fine, 1 answered with errors, 2 could not run). */
export async function main(argv: string[], io: Io): Promise<number> {
  let parsed: { values: ParsedValues; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.help || !name) {
    io.stdout.write(`${USAGE}\n`);
    return name || values.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`Onbekende opdracht "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  let opened: StoreServices | undefined;
  try {
    const config = loadConfig();
    const ctx: Context = {
      values,
      rest,
      io,
      config,
      rulesDir: values.rules ? resolve(values.rules) : config.rulesDir,
      services: async (url) => {
        const { connectStore } = await import('../store/index.js');
        const { readTexts } = await import('../core/texts/load.js');
        opened ??= await connectStore(url ?? values.store ?? config.store, {
          minimumCell: config.minimumCell,
          coordinators: config.coordinators,
          // A review's notice for the employee in the organisation's own words.
          texts: readTexts(values.rules ? resolve(values.rules) : config.rulesDir),
        });
        return opened;
      },
    };
    return await command(ctx);
  } catch (error) {
    if (!(error instanceof GedragsbotError)) throw error;
    io.stderr.write(`${error.message}\n`);
    return 2;
  } finally {
    await opened?.close();
  }
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const OPTIONS = {
  'jsonl': { type: 'boolean' },
  'rules': { type: 'string' },
  'store': { type: 'string' },
  'from': { type: 'string' },
  'to': { type: 'string' },
  'by': { type: 'string' },
  'format': { type: 'string' },
  'event': { type: 'string' },
  'year': { type: 'string' },
  'register': { type: 'string' },
  'status': { type: 'string' },
  'unreviewed': { type: 'boolean' },
  'note': { type: 'string' },
  'months': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'kanaal': { type: 'string', multiple: true },
  'dag': { type: 'string' },
  'tijd': { type: 'string' },
  'dilemma': { type: 'string' },
  'dagen': { type: 'string' },
  'zonder-herinnering': { type: 'boolean' },
  'now': { type: 'string' },
  'help': { type: 'boolean', short: 'h' },
} as const;

// npx starts us through a symlink; compare real paths so the CLI runs however it is invoked.
const invokedDirectly
  = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      const known = error instanceof GedragsbotError;
      process.stderr.write(`${known ? error.message : 'Onverwachte fout'}\n`);
      if (!known) console.error(error);
      process.exitCode = 2;
    });
}
