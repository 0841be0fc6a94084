import { createInterface } from 'node:readline/promises';
import type { DilemmaDeck } from '../core/dilemmas/load.js';
import type { DilemmaTally } from '../core/dilemmas/practice.js';
import type { Readable, Writable } from 'node:stream';
import { GedragsBot } from '../core/conversation/bot.js';
import { MemoryStateStore } from '../core/conversation/state.js';
import type { Action, BotReply } from '../core/messages/model.js';
import type { RuleBase } from '../core/rulebase/load.js';
import type { CoordinatorPort, RegisterService } from '../core/registers/service.js';
import type { UsageRecorder } from '../core/usage.js';
import { formatForPeople } from './ask.js';

/** `gedragsbot chat`: the same core in a terminal; buttons become numbered choices. */
const QUIT = new Set(['stop', 'exit', 'quit', 'doei', ':q']);

function choicesOf(reply: BotReply): Action[] {
  return [...(reply.question?.choices ?? []), ...reply.actions];
}

export interface ChatOptions {
  stateTtlMs: number;
  usage: UsageRecorder;
  registers: RegisterService;
  coordinator: CoordinatorPort;
  /** "cli:gebruikersnaam": whose registrations these are. */
  user: string;
  dilemmas?: DilemmaDeck | undefined;
  tally?: DilemmaTally | undefined;
}

export async function chat(ruleBase: RuleBase, input: Readable, output: Writable, options: ChatOptions): Promise<void> {
  const bot = new GedragsBot(ruleBase, new MemoryStateStore(options.stateTtlMs), {
    usage: options.usage,
    registers: options.registers,
    coordinator: options.coordinator,
    ...(options.dilemmas ? { dilemmas: options.dilemmas } : {}),
    ...(options.tally ? { tally: options.tally } : {}),
  });
  const rl = createInterface({ input, output, terminal: false });
  const say = (text: string) => output.write(`${text}\n`);
  say(
    `Gedragsbot — vragen over de gedragscode van ${ruleBase.organisation.naam}. Typ je vraag; "stop" om te stoppen.`,
  );
  say('Je berichten worden nergens bewaard; de bot telt alleen anoniem hoe vaak welk onderwerp aan bod komt.\n');
  let choices: Action[] = [];
  output.write('jij> ');
  for await (const line of rl) {
    const typed = line.trim();
    if (QUIT.has(typed.toLowerCase())) break;
    if (typed === '') {
      output.write('jij> ');
      continue;
    }
    const picked = /^\d+$/.test(typed) ? choices[Number(typed) - 1] : undefined;
    const reply = await bot.reply('terminal', picked ? picked.value : typed, { channel: 'cli', user: options.user });
    say(`\nbot> ${formatForPeople(reply, { inlineChoices: false }).replace(/\n/g, '\n     ')}`);
    choices = choicesOf(reply);
    choices.forEach((c, i) => {
      say(`     [${i + 1}] ${c.label}`);
    });
    output.write('\njij> ');
  }
  say('\nTot ziens!');
  rl.close();
}
