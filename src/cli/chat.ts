import { listNames } from '../core/messages/compose.js';
import { createInterface } from 'node:readline/promises';
import wrapAnsi from 'wrap-ansi';
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

/**
 * `gedragsbot chat`: the same core in a terminal; buttons become numbered choices. A dilemma's options are
 * already listed with their letter in the text, so they are chosen by that letter, not numbered a second time.
 */
const QUIT = new Set(['stop', 'exit', 'quit', 'doei', ':q']);
const INDENT = '     ';
const NBSP = '\u00a0';

function choicesOf(reply: BotReply): Action[] {
  return [...(reply.question?.choices ?? []), ...reply.actions];
}

/** Choices by what the person types: "1", "2", … and, for a dilemma, its letters "a", "b", …. */
export function keyedChoices(reply: BotReply): { numbered: Action[]; lettered: Map<string, Action> } {
  const all = choicesOf(reply);
  const lettered = new Map(all.filter((c) => c.id === 'dilemma_keuze').map((c) => [c.value.toLowerCase(), c]));
  return { numbered: all.filter((c) => c.id !== 'dilemma_keuze'), lettered };
}

/**
 * Wraps each line on word boundaries to the terminal's width; a continued line hangs under the text of its
 * bullet or list letter, so a list stays a list. A word longer than the line (an address) is never cut.
 */
export function wrapForTerminal(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => {
    const hang = /^\s*(?:(?:[•-]|\d+\.|[A-Z]\.|\[\w+\])\s+)?/.exec(line)?.[0].length ?? 0;
    const room = Math.max(width - hang, 20);
    // A phone number ("088 123 4500") stays on one line: its spaces do not count as word boundaries here.
    const kept = line.slice(hang).replace(/\d[\d ]*\d/g, (n) => n.replace(/ /g, NBSP));
    const wrapped = wrapAnsi(kept, room, { hard: false, trim: true }).replaceAll(NBSP, ' ').split('\n');
    return wrapped.map((part, i) => (i === 0 ? line.slice(0, hang) : ' '.repeat(hang)) + part);
  });
}

function widthOf(output: Writable): number {
  const columns = (output as Writable & { columns?: number }).columns;
  return Math.min(Math.max(columns ?? 80, 40), 100) - INDENT.length;
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
  const width = widthOf(output);
  const say = (text: string) => output.write(`${wrapForTerminal(text, width + INDENT.length).join('\n')}\n`);
  const texts = ruleBase.texts;
  say(texts.t('terminal.welkom', { organisatie: ruleBase.organisation.naam }));
  say(`${texts.t('terminal.privacy')}\n`);
  let choices: ReturnType<typeof keyedChoices> = { numbered: [], lettered: new Map() };
  output.write('jij> ');
  for await (const line of rl) {
    const typed = line.trim();
    if (QUIT.has(typed.toLowerCase())) break;
    if (typed === '') {
      output.write('jij> ');
      continue;
    }
    const picked = /^\d+$/.test(typed) ? choices.numbered[Number(typed) - 1] : choices.lettered.get(typed.toLowerCase().replace(/[.)]$/, ''));
    const interaction: Interaction = picked ? { kind: 'action', id: picked.id, value: picked.value } : { kind: 'text', text: typed };
    const outcomes = await engine.handle({ interaction, channel: 'cli', user: options.user, place: { kind: 'direct' }, forms: 'none' });
    const reply = outcomes.flatMap((o) => (o.kind === 'reply' ? [o.reply] : [])).at(-1);
    if (!reply) {
      output.write('jij> ');
      continue;
    }
    const lines = wrapForTerminal(formatForPeople(reply, { inlineChoices: false }), width);
    output.write(`\nbot> ${lines.join(`\n${INDENT}`)}\n`);
    choices = keyedChoices(reply);
    const letters = [...choices.lettered.keys()].map((l) => l.toUpperCase());
    if (letters.length > 0) {
      output.write(`${INDENT}${texts.t('terminal.kies_letter', { letters: listNames(texts, letters) })}\n`);
    }
    choices.numbered.forEach((c, i) => {
      const label = wrapForTerminal(`[${String(i + 1)}] ${c.label}`, width);
      output.write(`${INDENT}${label.join(`\n${INDENT}`)}\n`);
    });
    output.write('\njij> ');
  }
  say(`\n${texts.t('terminal.tot_ziens')}`);
  rl.close();
}
