#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { GedragsBot } from '../core/conversation/bot.js';
import { MemoryStateStore } from '../core/conversation/state.js';
import { GedragsbotError, RuleBaseError } from '../core/errors.js';
import { loadRuleBase, type RuleBase } from '../core/rulebase/load.js';
import { askJsonl, formatForPeople } from './ask.js';
import { chat } from './chat.js';
import { summarise } from './rules-check.js';

const USAGE = `Gebruik: gedragsbot <opdracht>

  ask "vraag"                  beantwoord één vraag
  ask --jsonl < in.jsonl       beantwoord een gesprek per regel (zie ask-contract)
  chat                         praat met de bot in de terminal
  rules check [MAP]            controleer een regelbasis en vat die samen

Opties:
  --rules MAP                  gebruik deze regelbasis in plaats van rules/
  -h, --help                   deze hulp`;

export interface Io {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

function load(dir: string, io: Io): RuleBase | null {
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

/** Runs one CLI command; returns the exit code (0 fine, 1 answered with errors, 2 could not run). */
export async function main(argv: string[], io: Io): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    io.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  const config = loadConfig();
  const rulesDir = values.rules ? resolve(values.rules) : config.rulesDir;

  if (command === 'rules') {
    if (rest[0] !== 'check') {
      io.stderr.write(`Onbekende opdracht "rules ${rest[0] ?? ''}". Bedoel je "rules check"?\n`);
      return 2;
    }
    const ruleBase = load(rest[1] ? resolve(rest[1]) : rulesDir, io);
    if (!ruleBase) return 1;
    io.stdout.write(`${summarise(ruleBase)}\n`);
    return 0;
  }

  const ruleBase = load(rulesDir, io);
  if (!ruleBase) return 2;

  if (command === 'ask') {
    if (values.jsonl) {
      const { failures } = await askJsonl(ruleBase, io.stdin, io.stdout);
      return failures > 0 ? 1 : 0;
    }
    const question = rest.join(' ').trim();
    if (!question) {
      io.stderr.write(
        'Geef een vraag mee, bijvoorbeeld: gedragsbot ask "Mag ik een fles wijn van 30 euro aannemen?"\n',
      );
      return 2;
    }
    const reply = await new GedragsBot(ruleBase, new MemoryStateStore()).reply('ask', question);
    io.stdout.write(`${formatForPeople(reply)}\n`);
    return 0;
  }

  if (command === 'chat') {
    await chat(ruleBase, io.stdin, io.stdout, config.stateTtlMs);
    return 0;
  }

  io.stderr.write(`Onbekende opdracht "${command}".\n\n${USAGE}\n`);
  return 2;
}

const OPTIONS = {
  jsonl: { type: 'boolean' },
  rules: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
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
