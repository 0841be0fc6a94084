import { compose, valueQuestion } from '../messages/compose.js';
import type { BotReply } from '../messages/model.js';
import { TEXTS } from '../messages/texts.js';
import { RuleEvaluator } from '../rulebase/evaluate.js';
import { type Facts, OPEN_ENDED } from '../rulebase/facts.js';
import type { RuleBase } from '../rulebase/load.js';
import { type Understanding, understand } from '../understanding/understand.js';
import type { ConversationState, ConversationStateStore } from './state.js';

/** After this many tries the bot stops asking for the value and answers with what it has. */
const MAX_VALUE_QUESTIONS = 2;

type TopicFacts = ConversationState['facts'];

/**
 * One conversation turn: understand the message, carry the topic over when it
 * answers the bot's own question, let the rules decide, and remember only
 * what the next turn needs.
 */
export class GedragsBot {
  private readonly evaluator: RuleEvaluator;

  constructor(
    private readonly ruleBase: RuleBase,
    private readonly states: ConversationStateStore,
    private readonly now: () => number = Date.now,
  ) {
    this.evaluator = new RuleEvaluator(ruleBase);
  }

  get organisation() {
    return this.ruleBase.organisation;
  }

  async reply(conversation: string, message: unknown): Promise<BotReply> {
    const previous = await this.states.get(conversation);
    if (previous?.awaiting === 'waarde') {
      const heard = this.understand(message, true);
      const facts = this.answerToValue(previous.facts, heard);
      if (facts) return this.answer(conversation, facts, 0);
      if (heard.intent === 'onbekend' && heard.readable && previous.asked < MAX_VALUE_QUESTIONS) {
        return this.askValueAgain(conversation, previous);
      }
    }
    const heard = this.understand(message, false);
    if (!heard.readable) {
      await this.states.delete(conversation);
      return { intent: 'help', verdict: 'geen', amount: null, text: TEXTS.unreadable, actions: [] };
    }
    return this.answer(conversation, heard.facts, 0);
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

  private async answer(conversation: string, topic: TopicFacts, asked: number): Promise<BotReply> {
    const facts: Facts = { ...topic, threshold: this.ruleBase.organisation.geschenkDrempel };
    const answer = await this.evaluator.evaluate(facts);
    const intent = topic.intent as BotReply['intent'];
    if (!answer) {
      await this.states.delete(conversation);
      return { intent, verdict: 'geen', amount: topic.amount, text: TEXTS.noRule, actions: [] };
    }
    const reply = compose(intent, answer, this.ruleBase.organisation, topic);
    await this.states.set(conversation, {
      facts: topic,
      awaiting: reply.question ? 'waarde' : null,
      asked: reply.question ? asked + 1 : 0,
      updatedAt: this.now(),
    });
    return reply;
  }
}
