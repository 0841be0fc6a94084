import { compose, menuReply, valueQuestion } from '../messages/compose.js';
import type { BotReply } from '../messages/model.js';
import { GedragsbotError } from '../errors.js';
import { TEXTS } from '../messages/texts.js';
import { evaluatorFor, type RuleEvaluator } from '../rulebase/evaluate.js';
import { type Facts, OPEN_ENDED } from '../rulebase/facts.js';
import type { DilemmaDeck } from '../dilemmas/load.js';
import {
  dilemmaCard,
  dilemmaFeedback,
  type DilemmaTally,
  NEXT,
  pickDilemma,
  readChoice,
  STOP,
  themeOf,
} from '../dilemmas/practice.js';
import { fold } from '../text/normalize.js';
import { readCommand } from '../registers/commands.js';
import type { FormValues, RegisterForm } from '../registers/form.js';
import type { RegisterName } from '../registers/model.js';
import type { CoordinatorPort, RegisterService } from '../registers/service.js';
import type { RuleBase } from '../rulebase/load.js';
import { type Channel, type Logger, noUsage, silentLogger, type UsageCount, type UsageRecorder } from '../usage.js';
import { type Understanding, understand } from '../understanding/understand.js';
import { type DeskContext, emptyFacts, RegistrationDesk } from './registration.js';
import type { ConversationState, ConversationStateStore } from './state.js';

/** After this many tries the bot stops asking for the value and answers with what it has. */
const MAX_VALUE_QUESTIONS = 2;

type TopicFacts = ConversationState['facts'];

/** Where a message comes from; the channel is counted, the user never is. */
export interface TurnContext {
  channel: Channel;
  /** "kanaal:gebruiker", for the employee's own registrations; never counted or logged. */
  user?: string;
}

export interface BotOptions {
  /** Dilemma cards for practice in chat; without them a dilemma request gets the rule base's answer. */
  dilemmas?: DilemmaDeck;
  /** How colleagues answered each dilemma; defaults to a count in memory. */
  tally?: DilemmaTally;
  random?: () => number;
  usage?: UsageRecorder;
  registers?: RegisterService;
  coordinator?: CoordinatorPort;
  logger?: Logger;
  now?: () => number;
}

const CLI: TurnContext = { channel: 'cli' };

/** A form to show, or a reply when there is none (e.g. registering is not possible here). */
export type FormOrReply = { form: RegisterForm } | { reply: BotReply };

/**
 * One conversation turn: understand the message, carry the topic over when it
 * answers the bot's own question, let the rules decide, and remember only
 * what the next turn needs.
 */
export class GedragsBot {
  private readonly evaluator: RuleEvaluator;
  private readonly usage: UsageRecorder;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly desk: RegistrationDesk;
  private readonly dilemmas: DilemmaDeck | undefined;
  private readonly tally: DilemmaTally;
  private readonly random: () => number;

  constructor(
    private readonly ruleBase: RuleBase,
    private readonly states: ConversationStateStore,
    options: BotOptions = {},
  ) {
    this.evaluator = evaluatorFor(ruleBase);
    this.usage = options.usage ?? noUsage;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
    const { registers, coordinator } = options;
    this.dilemmas = options.dilemmas;
    this.random = options.random ?? Math.random;
    this.tally = options.tally ?? new MemoryTally();
    this.desk = new RegistrationDesk(ruleBase, this.evaluator, registers, states, this.now, coordinator);
  }

  get organisation() {
    return this.ruleBase.organisation;
  }

  /** The welcome and menu (Teams install, Slack App Home); not a question, so not counted. */
  menu(): BotReply {
    return menuReply(this.ruleBase.organisation);
  }

  private deskContext(conversation: string, context: TurnContext, previous?: ConversationState): DeskContext {
    return {
      conversation,
      user: context.user,
      previous,
      count: (counts) => this.count(counts.map((c) => ({ ...c, channel: context.channel }))),
    };
  }

  /** The register as one form (Slack modal, Teams card), prefilled from the conversation. */
  async registrationForm(conversation: string, register: RegisterName, context: TurnContext): Promise<FormOrReply> {
    const previous = await this.states.get(conversation);
    return this.desk.form(this.deskContext(conversation, context, previous), register);
  }

  /** A submitted form: stored and confirmed, or returned with the problems marked. */
  async submitRegistration(
    conversation: string,
    register: RegisterName,
    values: FormValues,
    context: TurnContext,
  ): Promise<FormOrReply> {
    const previous = await this.states.get(conversation);
    return this.desk.submitForm(this.deskContext(conversation, context, previous), register, values);
  }

  /** Every turn ends in a reply: a failure the core can explain becomes its kind sentence, never silence. */
  async reply(conversation: string, message: unknown, context: TurnContext = CLI): Promise<BotReply> {
    try {
      return await this.turn(conversation, message, context);
    } catch (error) {
      if (!(error instanceof GedragsbotError) || error.code === 'INTERNAL') throw error;
      this.logger.warn('Beurt met een verklaarbare fout beantwoord', { code: error.code });
      return { intent: 'help', verdict: 'geen', amount: null, text: error.userMessage, actions: [] };
    }
  }

  private async turn(conversation: string, message: unknown, context: TurnContext): Promise<BotReply> {
    const previous = await this.states.get(conversation);
    const text = typeof message === 'string' ? message : '';
    const desk = this.deskContext(conversation, context, previous);
    if (previous?.registration) return this.desk.continue(desk, previous.registration, text);
    if (previous?.confirmDelete) {
      const answered = await this.desk.confirmDelete(desk, text);
      if (answered) return answered;
    }
    const practising = this.dilemmas ? await this.practise(conversation, text, previous, context) : null;
    if (practising) return practising;
    const command = readCommand(message);
    if (command) return this.desk.command(desk, command);
    if (previous?.awaiting === 'waarde') {
      const heard = this.understand(message, true);
      const facts = this.answerToValue(previous.facts, heard);
      if (facts) return this.answer(conversation, facts, context, previous);
      if (heard.intent === 'onbekend' && heard.readable && previous.asked < MAX_VALUE_QUESTIONS) {
        return this.askValueAgain(conversation, previous);
      }
    }
    const heard = this.understand(message, false);
    if (!heard.readable) {
      await this.states.delete(conversation);
      return { intent: 'help', verdict: 'geen', amount: null, text: TEXTS.unreadable, actions: [] };
    }
    if (heard.intent === 'dilemma' && this.dilemmas) return this.nextDilemma(conversation, text, previous, context);
    if (heard.intent === 'registreren') {
      const started = await this.desk.start(desk, heard);
      if (started) {
        await this.count(this.countsFor(started, context, this.now()));
        return started;
      }
      const answer = await this.answer(conversation, heard.facts, context);
      const reason = this.desk.unavailableReason(context.user);
      return reason ? { ...answer, text: `${answer.text} ${reason}`, actions: [] } : answer;
    }
    return this.answer(conversation, heard.facts, context);
  }

  /** An answer to the open card, "volgend dilemma" or "stoppen"; null when the message is something else. */
  private async practise(
    conversation: string,
    text: string,
    previous: ConversationState | undefined,
    context: TurnContext,
  ): Promise<BotReply | null> {
    const practice = previous?.dilemma;
    if (!practice) return null;
    const done = { ...previous, dilemma: { id: null, seen: practice.seen }, updatedAt: this.now() };
    const folded = fold(text);
    if (NEXT.test(folded)) return this.nextDilemma(conversation, text, previous, context);
    if (STOP.test(folded)) {
      await this.states.set(conversation, done);
      return { intent: 'dilemma', verdict: 'geen', amount: null, text: 'Dank je wel voor het oefenen! Vraag gerust "geef me een dilemma" als je verder wilt.', actions: [] };
    }
    const dilemma = practice.id ? this.dilemmas?.get(practice.id) : undefined;
    const choice = dilemma ? readChoice(text, dilemma) : null;
    if (!dilemma || !choice) return null;
    await this.count([{ event: 'dilemma', intent: 'dilemma', verdict: `${dilemma.id}:${choice}`, channel: context.channel, at: new Date(this.now()) }]);
    if (this.tally instanceof MemoryTally) this.tally.add(dilemma.id, choice);
    const counts = await this.tally.counts(dilemma.id).catch((error: unknown) => {
      this.logger.error('Telling van het dilemma niet te lezen', error);
      return {};
    });
    await this.states.set(conversation, done);
    return dilemmaFeedback(dilemma, choice, counts);
  }

  /** A card, by theme when the message names one; cards not seen in this conversation first. */
  private async nextDilemma(
    conversation: string,
    text: string,
    previous: ConversationState | undefined,
    context: TurnContext,
  ): Promise<BotReply> {
    const seen = previous?.dilemma?.seen ?? [];
    const dilemma = this.dilemmas ? pickDilemma(this.dilemmas, themeOf(text), seen, this.random) : undefined;
    if (!dilemma) return this.answer(conversation, { ...emptyTopic(), intent: 'dilemma' }, context);
    const base = previous ?? { facts: { ...emptyTopic(), intent: 'dilemma' }, awaiting: null, asked: 0, updatedAt: this.now() };
    const { registration: _flow, confirmDelete: _confirm, ...rest } = base;
    const practice = { id: dilemma.id, seen: [...seen.filter((id) => id !== dilemma.id), dilemma.id] };
    await this.states.set(conversation, { ...rest, awaiting: null, dilemma: practice, updatedAt: this.now() });
    const card = dilemmaCard(dilemma);
    await this.count([{ event: 'vraag', intent: 'dilemma', verdict: 'geen', channel: context.channel, at: new Date(this.now()) }]);
    return card;
  }

  private understand(message: unknown, replyToValue: boolean): Understanding {
    return understand(this.ruleBase.lexicon, this.ruleBase.intents, message, { replyToValue });
  }

  /** The reply fills in the value when it names one (or says it is unknown) and does not start a new topic. */
  private answerToValue(topic: TopicFacts, heard: Understanding): TopicFacts | null {
    const sameTopic = heard.intent === 'onbekend' || heard.intent === 'help' || heard.intent === topic.intent;
    if (!sameTopic) return null;
    const threshold = this.ruleBase.organisation.geschenkDrempel;
    const band = heard.concepts.has('waarde_hoog')
      ? 'hoog'
      : heard.concepts.has('waarde_laag')
        ? 'laag'
        : null;
    const unknown = heard.concepts.has('waarde_onbekend');
    if (!heard.amount && !band && !unknown) return null;
    const merged: TopicFacts = { ...topic, valueUnknown: unknown && !heard.amount };
    if (heard.intent === topic.intent && heard.facts.giftKind && heard.facts.giftKind !== 'voorwerp') {
      merged.giftKind = heard.facts.giftKind;
    }
    if (heard.amount) {
      merged.amount = heard.amount.value;
      merged.amountMin = heard.amount.min;
      merged.amountMax = Math.min(heard.amount.max, OPEN_ENDED);
    } else if (band === 'hoog') {
      Object.assign(merged, { amount: null, amountMin: threshold + 0.01, amountMax: OPEN_ENDED });
    } else if (band === 'laag') {
      Object.assign(merged, { amount: null, amountMin: 0, amountMax: threshold });
    }
    return merged;
  }

  private async askValueAgain(conversation: string, previous: ConversationState): Promise<BotReply> {
    await this.states.set(conversation, { ...previous, asked: previous.asked + 1, updatedAt: this.now() });
    const question = valueQuestion(this.ruleBase.organisation);
    return {
      intent: previous.facts.intent as BotReply['intent'],
      verdict: 'vraag',
      amount: null,
      text: `${TEXTS.askValueAgain} ${question.prompt}`,
      question,
      actions: [],
    };
  }

  private async answer(
    conversation: string,
    topic: TopicFacts,
    context: TurnContext,
    followUpOf?: ConversationState,
  ): Promise<BotReply> {
    const facts: Facts = { ...topic, threshold: this.ruleBase.organisation.geschenkDrempel };
    const answer = await this.evaluator.evaluate(facts);
    const intent = topic.intent as BotReply['intent'];
    const reply = answer
      ? compose(intent, answer, this.ruleBase.organisation, topic)
      : { intent, verdict: 'geen' as const, amount: topic.amount, text: TEXTS.noRule, actions: [] };
    const now = this.now();
    const counted = followUpOf?.counted ?? { at: now, verdict: reply.verdict };
    await this.count(this.countsFor(reply, context, now, followUpOf));
    if (!answer) {
      await this.states.delete(conversation);
      return reply;
    }
    const asked = reply.question ? (followUpOf?.asked ?? 0) + 1 : 0;
    await this.states.set(conversation, {
      facts: topic,
      awaiting: reply.question ? 'waarde' : null,
      asked,
      counted: { at: counted.at, verdict: reply.verdict },
      updatedAt: now,
    });
    return reply;
  }

  /** A question counts once: its follow-up moves the count from "vraag" to the final verdict. */
  private countsFor(reply: BotReply, context: TurnContext, now: number, followUpOf?: ConversationState): UsageCount[] {
    const base = { intent: reply.intent, channel: context.channel };
    const counts: UsageCount[] = [];
    if (followUpOf?.counted) {
      const asked = new Date(followUpOf.counted.at);
      if (followUpOf.counted.verdict !== reply.verdict) {
        counts.push({ ...base, event: 'vraag', verdict: followUpOf.counted.verdict, at: asked, delta: -1 });
        counts.push({ ...base, event: 'vraag', verdict: reply.verdict, at: asked });
      }
      counts.push({ ...base, event: 'vervolg', verdict: reply.verdict, at: new Date(now) });
    } else {
      counts.push({ ...base, event: 'vraag', verdict: reply.verdict, at: new Date(now) });
    }
    if (reply.verdict === 'doorverwijzen') counts.push({ ...base, event: 'doorverwijzing', verdict: reply.verdict, at: new Date(now) });
    return counts;
  }

  /** Counting must never cost an answer: a failing store is logged, the person still gets their reply. */
  private async count(counts: UsageCount[]): Promise<void> {
    try {
      await this.usage.record(counts);
    } catch (error) {
      this.logger.error('Gebruikstelling niet opgeslagen', error);
    }
  }
}

/** Dilemma answers counted in this process, for the CLI and tests without a store. */
export class MemoryTally implements DilemmaTally {
  private readonly answers = new Map<string, Record<string, number>>();

  add(dilemmaId: string, optionId: string): void {
    const counts = this.answers.get(dilemmaId) ?? {};
    counts[optionId] = (counts[optionId] ?? 0) + 1;
    this.answers.set(dilemmaId, counts);
  }

  counts(dilemmaId: string): Promise<Record<string, number>> {
    return Promise.resolve({ ...(this.answers.get(dilemmaId) ?? {}) });
  }
}

function emptyTopic(): TopicFacts {
  return emptyFacts();
}
