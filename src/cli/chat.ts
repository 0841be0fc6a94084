import { createInterface } from 'node:readline/promises';
import type { DilemmaDeck } from '../core/dilemmas/load.js';
import type { DilemmaTally } from '../core/dilemmas/practice.js';
import type { Readable, Writable } from 'node:stream';
import { GedragsBot } from '../core/conversation/bot.js';
import { MemoryStateStore } from '../core/conversation/state.js';
import { Engine } from '../core/engine/engine.js';
import type { Interaction } from '../core/engine/interaction.js';
import type { Action, BotReply } from '../core/messages/model.js';
import type { RuleBase } from '../core/rulebase/load.js';
import type { CoordinatorPort, RegisterService } from '../core/registers/service.js';
import { silentLogger, type UsageRecorder } from '../core/usage.js';
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
    meldwijzerOnRequest: true,
    ...(options.dilemmas ? { dilemmas: options.dilemmas } : {}),
    ...(options.tally ? { tally: options.tally } : {}),
  });
  const engine = new Engine(bot, silentLogger);
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
    const interaction: Interaction = picked ? { kind: 'action', id: picked.id, value: picked.value } : { kind: 'text', text: typed };
    const outcomes = await engine.handle({ interaction, channel: 'cli', user: options.user, place: { kind: 'direct' }, forms: 'none' });
    const reply = outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply] : [])).at(-1);
    if (!reply) {
      output.write('jij> ');
      continue;
    }
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
