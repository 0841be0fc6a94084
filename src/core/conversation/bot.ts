import { compose, menuReply, say, topicQuestion, valueQuestion } from '../messages/compose.js';
import type { Action, BotReply } from '../messages/model.js';
import { DEFAULT_PRIVACY, type PrivacyFacts, privacyReply } from '../messages/privacy.js';
import { GedragsbotError } from '../errors.js';
import type { Texts } from '../texts/texts.js';
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
import { fold, words } from '../text/normalize.js';
import type { Intent } from '../rulebase/schema.js';
import { readCommand } from '../registers/commands.js';
import type { FormValues, RegisterForm } from '../registers/form.js';
import type { RegisterName } from '../registers/model.js';
import type { CoordinatorPort, RegisterService } from '../registers/service.js';
import type { RuleBase } from '../rulebase/load.js';
import { type Channel, type Logger, noUsage, silentLogger, type UsageCount, type UsageRecorder } from '../usage.js';
import { REFERRAL_INTENTS } from '../understanding/classifier.js';
import { topicFacts, type Understanding, type UnderstandOptions, understand, VALUE_INTENTS } from '../understanding/understand.js';
import { continuesTopic, FACT_TOPICS, hasOpenTopic, mergeTopic, readTopicChoice } from './topic.js';
import { type DeskContext, emptyFacts, RegistrationDesk } from './registration.js';
import type { ConversationState, ConversationStateStore } from './state.js';
import type { Address, ContactBook } from '../outreach/model.js';
import { type QuestionContext, QuestionFlow, type QuestionPorts } from '../questions/flow.js';
import { asksWhereToReport, isSoort, type MeldwijzerContext, MeldwijzerFlow, readWay } from '../meldwijzer/flow.js';

/** After this many tries the bot stops asking for the value and answers with what it has. */
const MAX_VALUE_QUESTIONS = 2;
const FLOW_REFERRAL_CONFIDENCE = 0.5;
/** "verder" after "Je registratie staat nog klaar — verder of stoppen?". */
/** "Wat bewaren jullie?", "wat slaan jullie op", "privacy": the card that says what is kept. */
const ASKS_WHAT_IS_KEPT = /^\s*(wat (bewaren|bewaar|onthouden|onthoud|slaan) (jullie|we|je|jij)( van mij| op)?|privacy)\s*[?.!]*\s*$/;
const RESUME = /\b(verder|doorgaan|ga door|hervat|hervatten)\b/;
/** Words that steer a flow and never mean a referral, however the model reads them. */
function isFlowControl(text: string): boolean {
  const folded = fold(text).replace(/[.!]+$/, '');
  return RESUME.test(folded) || STOP.test(folded) || /^(opslaan|wijzigen|annuleren|ja|nee|\d+|[a-d])$/.test(folded);
}

type TopicFacts = ConversationState['facts'];

/** Where a message comes from; the channel is counted, the user never is. */
export interface TurnContext {
  channel: Channel;
  /** "kanaal:gebruiker", for the employee's own registrations; never counted or logged. */
  user?: string;
  /** Where an answer can reach this person later (a question to the coordinator); never counted or logged. */
  address?: Address;
  /** The channel offers the person's export as a file to download. */
  downloads?: boolean;
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
  /** Questions to the coordinator; without them the bot says how to reach the coordinator instead. */
  questions?: QuestionPorts;
  /** Where people with registrations talk to the bot, for reminders and reviews that come to them. */
  contacts?: ContactBook;
  logger?: Logger;
  now?: () => number;
  /**
   * "Waar meld ik dit?" typed in a chat starts the meldwijzer. Off for `ask`, whose answers are the contract:
   * there the referral answer stays, with the button that starts the meldwijzer under it.
   */
  meldwijzerOnRequest?: boolean;
  /** The numbers "Wat bewaren we?" says: memory, retention, the web chat's cookie. */
  privacy?: PrivacyFacts;
}

/** What a typed "waar meld ik dit" may be about to start the meldwijzer; anything else is answered as itself. */
const MELDWIJZER_INTENTS: ReadonlySet<Intent> = new Set(['misstand_melden', 'ongewenst_gedrag', 'vertrouwenspersoon', 'onbekend', 'help']);
/** Danger and distress get their own answer first, with the people to turn to, never a questionnaire. */
const SAFETY_FIRST: ReadonlySet<string> = new Set(['niet_leven', 'nood', 'seksueel_geweld', 'dreiging']);
/** "Hoe meld ik een geschenk?" is about one's own register, unless it is about someone else's conduct. */
const OWN_MATTERS = ['geschenk_woord', 'geschenk_voorwerp', 'waardebon', 'uitnodiging', 'nevenwerk', 'financieel_belang'];
const SOMEONE_ELSE = ['misstand', 'vermoeden', 'derde_persoon'];

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
  private readonly questions: QuestionFlow;
  private readonly meldwijzer: MeldwijzerFlow | undefined;
  private readonly meldwijzerOnRequest: boolean;
  private readonly contacts: ContactBook | undefined;
  private readonly dilemmas: DilemmaDeck | undefined;
  private readonly tally: DilemmaTally;
  private readonly random: () => number;
  private readonly privacy: PrivacyFacts;

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
    this.contacts = options.contacts;
    this.random = options.random ?? Math.random;
    this.privacy = options.privacy ?? DEFAULT_PRIVACY;
    this.tally = options.tally ?? new MemoryTally();
    this.desk = new RegistrationDesk(ruleBase, this.evaluator, registers, states, this.now, coordinator);
    const coordinatorEmail = ruleBase.organisation.integriteitscoordinator?.email;
    this.questions = new QuestionFlow(ruleBase.texts, states, this.now, options.questions, coordinatorEmail);
    this.meldwijzer = ruleBase.meldwijzer
      ? new MeldwijzerFlow(ruleBase.texts, ruleBase.organisation, ruleBase.meldwijzer, states, this.now)
      : undefined;
    this.meldwijzerOnRequest = options.meldwijzerOnRequest ?? false;
  }

  get organisation() {
    return this.ruleBase.organisation;
  }

  /** Every sentence the bot says, by key; channels and the engine take theirs from here too. */
  get texts(): Texts {
    return this.ruleBase.texts;
  }

  /** The welcome and menu (Teams install, Slack App Home); not a question, so not counted. */
  menu(): BotReply {
    return menuReply(this.texts, this.ruleBase.organisation);
  }

  private deskContext(conversation: string, context: TurnContext, previous?: ConversationState): DeskContext {
    return {
      conversation,
      user: context.user,
      previous,
      count: (counts) => this.count(counts.map((c) => ({ ...c, channel: context.channel }))),
      reachable: () => this.reachable(context),
      ...(context.downloads ? { downloads: true } : {}),
    };
  }

  /** Remembering an address must never cost an answer: a failure is logged, the person still gets a reply. */
  private async reachable(context: TurnContext): Promise<void> {
    const { user, address } = context;
    if (!this.contacts || !user || !address) return;
    try {
      await this.contacts.remember(user, address, new Date(this.now()));
    } catch (error) {
      this.logger.error('Contactadres niet opgeslagen', error);
    }
  }

  private meldwijzerContext(
    conversation: string,
    context: TurnContext,
    previous: ConversationState | undefined,
    intent: Intent = 'misstand_melden',
  ): MeldwijzerContext {
    return {
      conversation,
      previous,
      intent,
      count: (counts: Omit<UsageCount, 'channel'>[]) => this.count(counts.map((c) => ({ ...c, channel: context.channel }))),
    };
  }

  private questionContext(conversation: string, context: TurnContext, previous?: ConversationState): QuestionContext {
    return {
      conversation,
      user: context.user,
      channel: context.channel,
      address: context.address,
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
    return this.kindly(() => this.turn(conversation, message, context));
  }

  /** A pressed button: its id and code decide, without understanding any words again. */
  async act(conversation: string, action: Pick<Action, 'id' | 'value'>, context: TurnContext = CLI): Promise<BotReply> {
    return this.kindly(() => this.pressed(conversation, action, context));
  }

  private async kindly(turn: () => Promise<BotReply>): Promise<BotReply> {
    try {
      return await turn();
    } catch (error) {
      if (!(error instanceof GedragsbotError) || error.code === 'INTERNAL') throw error;
      this.logger.warn('Beurt met een verklaarbare fout beantwoord', { code: error.code });
      return { intent: 'help', verdict: 'geen', amount: null, text: this.texts.t(error.userText), actions: [] };
    }
  }

  private async pressed(conversation: string, action: Pick<Action, 'id' | 'value'>, context: TurnContext): Promise<BotReply> {
    const previous = await this.states.get(conversation);
    const desk = this.deskContext(conversation, context, previous);
    const wizard = () => this.meldwijzerContext(conversation, context, previous);
    const { value } = action;
    switch (action.id) {
      case 'registratie':
        if (previous?.registration) return this.desk.continue(desk, previous.registration, { code: value });
        break;
      case 'hervatten':
        if (previous?.registration && value === 'verder') return this.desk.resume(desk, previous.registration);
        if (previous?.registration) return this.desk.continue(desk, previous.registration, { code: 'stoppen' });
        break;
      case 'registreer_geschenk':
        return this.desk.startRegister(desk, 'geschenk');
      case 'registreer_nevenfunctie':
        return this.desk.startRegister(desk, 'nevenwerk');
      case 'mijn_registraties':
        return this.desk.command(desk, { kind: 'lijst' });
      case 'mijn_export':
        return this.desk.command(desk, { kind: 'export' });
      case 'wat_bewaren_we':
        return privacyReply(this.texts, this.privacy, context.channel === 'web');
      case 'mijn_verwijderen':
        return this.desk.command(desk, { kind: 'verwijder_alles' });
      case 'verwijderen':
        if (previous?.confirmDelete) return (await this.desk.confirmDelete(desk, { code: value })) ?? this.menu();
        break;
      case 'alle_registraties_open':
        return this.desk.command(desk, { kind: 'alle_registraties', unreviewed: true });
      case 'nevenwerk_bevestigen': {
        // A December round's button pressed in January confirms the year it asked about.
        const year = /^\d{4}$/.test(value) ? Number(value) : undefined;
        return this.desk.command(desk, { kind: 'bevestig_nevenwerk', ...(year ? { year } : {}) });
      }
      case 'meldroutes':
        if (this.meldwijzer) return this.meldwijzer.start(wizard());
        return this.answer(conversation, { ...emptyTopic(), intent: 'misstand_melden' }, context);
      case 'meldwijzer_soort':
        if (this.meldwijzer && isSoort(value)) return this.meldwijzer.chooseKind(wizard(), value);
        break;
      case 'meldwijzer_keuze': {
        const way = readWay(value);
        if (this.meldwijzer && way) return this.meldwijzer.chooseWay(wizard(), way.soort, way.keuze);
        break;
      }
      case 'vertrouwenspersoon':
        return this.answer(conversation, { ...emptyTopic(), intent: 'vertrouwenspersoon' }, context);
      case 'nog_een_vraag':
        await this.states.delete(conversation);
        return this.menu();
      case 'dilemma':
      case 'dilemma_volgende':
        if (this.dilemmas) return this.nextDilemma(conversation, '', previous, context);
        break;
      case 'dilemma_keuze':
        if (previous?.dilemma?.id) return (await this.practise(conversation, value, previous, context)) ?? this.menu();
        break;
      case 'dilemma_stoppen':
        return (await this.practise(conversation, 'stoppen', previous, context)) ?? this.menu();
      case 'waarde':
        if (previous?.awaiting === 'waarde') return this.answerValueBand(conversation, previous, value, context);
        break;
      case 'onderwerp':
        if (previous?.awaiting === 'onderwerp') return this.answerChosenTopic(conversation, previous, value === 'anders' ? 'anders' : (value as Intent), context);
        break;
      case 'stem':
        break;
      case 'vraag_voorleggen':
        return this.startQuestion(conversation, { ...emptyTopic(), intent: 'vraag_voorleggen' }, context);
      case 'vraag_versturen':
        if (previous?.question?.step === 'bevestigen') return this.questions.send(this.questionContext(conversation, context, previous), previous.question);
        break;
      case 'vraag_aanpassen':
        if (previous?.question) {
          return this.questions.change(this.questionContext(conversation, context, previous), previous.question);
        }
        break;
      case 'vraag_stoppen':
        return this.questions.stop(this.questionContext(conversation, context, previous));
      case 'vraag_beantwoorden':
      case 'vraag_reageren':
        return this.questions.beginReply(this.questionContext(conversation, context, previous), value, action.id === 'vraag_beantwoorden' ? 'coordinator' : 'medewerker');
      case 'vraag_sluiten':
        return this.questions.close(this.questionContext(conversation, context, previous), value);
    }
    // A button from an older message whose moment has passed: say so kindly, and offer the menu.
    return { ...this.menu(), text: this.texts.t('gesprek.knop_verlopen') };
  }

  /** "€50 of minder", "meer dan €50" or "weet ik niet" pressed: the value as a band, then the verdict. */
  private async answerValueBand(
    conversation: string,
    previous: ConversationState,
    band: string,
    context: TurnContext,
  ): Promise<BotReply> {
    const threshold = this.ruleBase.organisation.geschenkDrempel;
    const facts = { ...previous.facts };
    if (band === 'laag') Object.assign(facts, { amount: null, amountMin: 0, amountMax: threshold, valueUnknown: false });
    else if (band === 'hoog') Object.assign(facts, { amount: null, amountMin: threshold + 0.01, amountMax: OPEN_ENDED, valueUnknown: false });
    else Object.assign(facts, { amount: null, amountMin: null, amountMax: null, valueUnknown: true });
    return this.answer(conversation, facts, context, previous);
  }

  private async turn(conversation: string, message: unknown, context: TurnContext): Promise<BotReply> {
    let previous = await this.states.get(conversation);
    const text = typeof message === 'string' ? message : '';
    const heard = this.understand(message, {
      // After a gift's verdict, "het was 80" corrects the value: a bare number counts then too.
      replyToValue: previous?.awaiting === 'waarde' || VALUE_INTENTS.has(previous?.facts.intent as Intent),
      openTopic: hasOpenTopic(previous),
    });
    const asking = previous?.question;
    if (asking) {
      const questionCtx = this.questionContext(conversation, context, previous);
      // While a question is typed, the words are the question, also when they are about harm; a clear sign
      // of danger still gets the kind answer with people to turn to first, and the question stays ready to send.
      if (asking.step === 'typen' && heard.readable && heard.refer && heard.referredBy === 'signaal' && !isFlowControl(text)) {
        const referral = await this.answer(conversation, heard.facts, context);
        const fresh = await this.states.get(conversation);
        const draft = await this.questions.review({ ...questionCtx, previous: fresh }, asking, text);
        return { ...referral, text: `${referral.text}\n\n${draft.text}`, actions: draft.actions };
      }
      if (asking.step === 'typen' || !(heard.readable && heard.refer)) {
        const answered = await this.questions.typed(questionCtx, asking, text);
        if (answered) return answered;
      }
    }
    // Safety before any flow: distress, unwanted behaviour, a misstand or wanting a person wins at any moment.
    const inForm = Boolean(previous?.registration && !previous.registrationPaused) || Boolean(previous?.dilemma?.id);
    const inFlow = inForm || Boolean(previous?.meldwijzer);
    if (!inForm && this.meldwijzer && this.wantsMeldwijzer(heard, text)) {
      return this.startMeldwijzer(this.meldwijzer, conversation, heard, context, previous);
    }
    // "Ik wil het melden" typed as the meldwijzer's answer is that answer; only a sign of danger goes first.
    const wizard = previous?.meldwijzer;
    const wizardContext = this.meldwijzerContext(conversation, context, previous);
    if (wizard && this.meldwijzer && heard.referredBy !== 'signaal') {
      const chosen = await this.meldwijzer.typed(wizardContext, wizard.soort, text);
      if (chosen) return chosen;
    }
    // In a flow short answers ("Ja, aangenomen") are field values: there only a clear signal or a clear topic refers.
    const clearReferral = heard.referredBy === 'signaal' || (heard.referredBy === 'model' && heard.confidence >= FLOW_REFERRAL_CONFIDENCE);
    const continuing = continuesTopic(previous, heard, words(fold(text)).length);
    // Doubt alone does not pull a follow-up ("het gaat om mijn nieuwe vriend") out of its topic.
    const doubtOnly = heard.referredBy === 'twijfel' && continuing;
    if (heard.readable && heard.refer && !doubtOnly && !(inFlow && (isFlowControl(text) || !clearReferral))) {
      return this.refer(conversation, heard, context, previous);
    }
    // Anything else: the meldwijzer no longer waits, and the message is answered as itself.
    if (wizard && this.meldwijzer) previous = await this.meldwijzer.forget(wizardContext);
    const desk = this.deskContext(conversation, context, previous);
    if (previous?.registration) {
      if (!previous.registrationPaused) return this.desk.continue(desk, previous.registration, { text });
      const folded = fold(text).replace(/[.!]+$/, '');
      if (RESUME.test(folded)) return this.desk.resume(desk, previous.registration);
      if (STOP.test(folded)) return this.desk.continue(desk, previous.registration, { code: 'stoppen' });
    }
    if (previous?.confirmDelete) {
      const answered = await this.desk.confirmDelete(desk, { text });
      if (answered) return answered;
    }
    const practising = this.dilemmas ? await this.practise(conversation, text, previous, context) : null;
    if (practising) return practising;
    const status = await this.questions.status(this.questionContext(conversation, context, previous), text);
    if (status) return status;
    if (ASKS_WHAT_IS_KEPT.test(fold(text))) return privacyReply(this.texts, this.privacy, context.channel === 'web');
    const command = readCommand(message);
    if (command) return this.desk.command(desk, command);
    if (previous?.awaiting === 'onderwerp') {
      const chosen = readTopicChoice(text, previous.topicChoices ?? []);
      if (chosen) return this.answerChosenTopic(conversation, previous, chosen, context);
    }
    if (!heard.readable) {
      await this.states.delete(conversation);
      return { intent: 'help', verdict: 'geen', amount: null, text: this.texts.t('gesprek.onleesbaar'), actions: [] };
    }
    const threshold = this.ruleBase.organisation.geschenkDrempel;
    if (previous && continuing) {
      const facts = mergeTopic(previous.facts, heard, threshold);
      return this.answer(conversation, facts, context, previous);
    }
    if (previous?.awaiting === 'waarde' && heard.turn === null && heard.intent === 'onbekend' && previous.asked < MAX_VALUE_QUESTIONS) {
      return this.askValueAgain(conversation, previous);
    }
    const resumesRegistering = RESUME.test(fold(text)) && /registr/.test(fold(text));
    if (heard.turn === 'bevestiging' && !resumesRegistering) return this.acknowledge(conversation, previous);
    if (heard.intent === 'dilemma' && this.dilemmas) return this.nextDilemma(conversation, text, previous, context);
    if (heard.intent === 'vraag_voorleggen') return this.startQuestion(conversation, heard.facts, context);
    if (heard.intent === 'registreren' || resumesRegistering) {
      const started = await this.desk.start(desk, heard);
      if (started) {
        await this.count(this.countsFor(started, context, this.now()));
        return started;
      }
      const answer = await this.answer(conversation, heard.facts, context);
      const reason = this.desk.unavailableReason(context.user);
      return reason ? { ...answer, text: `${answer.text} ${reason}`, actions: [] } : answer;
    }
    if (heard.uncertain) return this.clarify(conversation, heard, previous, context);
    return this.answer(conversation, heard.facts, context);
  }

  /** A person asking where to report, in a chat, about a referral topic and without danger or distress. */
  private wantsMeldwijzer(heard: Understanding, text: string): boolean {
    if (!this.meldwijzer || !this.meldwijzerOnRequest || !heard.readable) return false;
    if (!MELDWIJZER_INTENTS.has(heard.intent) || SAFETY_FIRST.has(heard.facts.situation ?? '')) return false;
    const concepts = heard.facts.concepts;
    if (OWN_MATTERS.some((c) => concepts.includes(c)) && !SOMEONE_ELSE.some((c) => concepts.includes(c))) return false;
    return asksWhereToReport(text, !REFERRAL_INTENTS.has(heard.intent));
  }

  /** Counted as the question it is (a referral), like the rule base's answer would have been. */
  private async startMeldwijzer(
    flow: MeldwijzerFlow,
    conversation: string,
    heard: Understanding,
    context: TurnContext,
    previous: ConversationState | undefined,
  ): Promise<BotReply> {
    const intent = REFERRAL_INTENTS.has(heard.intent) ? heard.intent : 'misstand_melden';
    const reply = await flow.start(this.meldwijzerContext(conversation, context, previous, intent));
    await this.count(this.countsFor(reply, context, this.now()));
    return reply;
  }

  /** The rule base's answer on putting a question, and the way to do it here when questions are set up. */
  private async startQuestion(conversation: string, facts: TopicFacts, context: TurnContext): Promise<BotReply> {
    const ruled = await this.answer(conversation, facts, context);
    const fresh = await this.states.get(conversation);
    const started = await this.questions.start(this.questionContext(conversation, context, fresh));
    return started ? { ...started, ...(ruled.source ? { source: ruled.source } : {}) } : ruled;
  }

  /** A referral at any moment; an unfinished registration is kept and offered again. */
  private async refer(
    conversation: string,
    heard: Understanding,
    context: TurnContext,
    previous: ConversationState | undefined,
  ): Promise<BotReply> {
    const reply = await this.answer(conversation, heard.facts, context);
    const flow = previous?.registration;
    if (!flow) return reply;
    const now = await this.states.get(conversation);
    if (now) {
      const paused = { ...now, registration: flow, registrationPaused: true, updatedAt: this.now() };
      await this.states.set(conversation, paused);
    }
    return {
      ...reply,
      text: `${reply.text}\n\n${this.texts.t('gesprek.registratie_wacht')}`,
      question: {
        slot: 'registratie',
        prompt: this.texts.t('gesprek.registratie_wacht'),
        choices: [
          { id: 'hervatten', label: this.texts.t('knop.verder'), value: 'verder' },
          { id: 'hervatten', label: this.texts.t('knop.stoppen'), value: 'stoppen' },
        ],
      },
    };
  }

  /** "ok, dank je": the topic and its verdict stay, the answer is short. */
  private async acknowledge(conversation: string, previous: ConversationState | undefined): Promise<BotReply> {
    if (!previous?.verdict) {
      return { intent: 'help', verdict: 'geen', amount: null, text: this.texts.t('gesprek.graag_gedaan_niets_open'), actions: [] };
    }
    await this.states.set(conversation, { ...previous, awaiting: null, updatedAt: this.now() });
    const intent = previous.facts.intent as BotReply['intent'];
    const referral = REFERRAL_INTENTS.has(intent);
    return {
      intent,
      verdict: previous.verdict as BotReply['verdict'],
      amount: previous.facts.amount,
      text: referral ? say(this.texts, 'gesprek.graag_gedaan_doorverwezen', this.ruleBase.organisation) : this.texts.t('gesprek.graag_gedaan'),
      actions: referral ? [] : [{ id: 'nog_een_vraag', label: this.texts.t('knop.nog_een_vraag'), value: '' }],
    };
  }

  /** Two topics are about as likely: one short question with buttons instead of a verdict on a guess. */
  private async clarify(
    conversation: string,
    heard: Understanding,
    previous: ConversationState | undefined,
    context: TurnContext,
  ): Promise<BotReply> {
    const choices = heard.ranked
      .map((r) => r.label as string)
      .filter((label) => FACT_TOPICS.has(label))
      .slice(0, 2);
    const question = topicQuestion(this.texts, choices);
    const reply: BotReply = { intent: heard.intent, verdict: 'vraag', amount: heard.facts.amount, text: question.prompt, question, actions: [] };
    // Counted now, under the best guess; the chosen topic moves the count, so the question counts once.
    const now = this.now();
    await this.count(this.countsFor(reply, context, now));
    await this.states.set(conversation, {
      ...(previous?.registration ? { registration: previous.registration, registrationPaused: true } : {}),
      facts: heard.facts,
      awaiting: 'onderwerp',
      topicChoices: choices,
      asked: 0,
      counted: { at: now, verdict: reply.verdict, intent: reply.intent },
      updatedAt: now,
    });
    return reply;
  }

  private async answerChosenTopic(
    conversation: string,
    previous: ConversationState,
    chosen: Intent | 'anders',
    context: TurnContext,
  ): Promise<BotReply> {
    const intent: Intent = chosen === 'anders' ? 'onbekend' : chosen;
    const concepts = new Set(previous.facts.concepts);
    const { amount: value, amountMin, amountMax } = previous.facts;
    const amount = value === null ? null : { value, min: amountMin ?? value, max: amountMax ?? value, attached: true };
    const facts = { ...previous.facts, ...topicFacts(intent, (c) => concepts.has(c), amount, previous.facts.giver) };
    return this.answer(conversation, facts, context, previous);
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
      return { intent: 'dilemma', verdict: 'geen', amount: null, text: this.texts.t('dilemma.gestopt'), actions: [] };
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
    return dilemmaFeedback(this.texts, dilemma, choice, counts);
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
    // Practice is a flow too: "Stoppen" is always visible (the card has it).
    const card = dilemmaCard(this.texts, dilemma);
    await this.count([{ event: 'vraag', intent: 'dilemma', verdict: 'geen', channel: context.channel, at: new Date(this.now()) }]);
    return card;
  }

  private understand(message: unknown, options: UnderstandOptions): Understanding {
    return understand(this.ruleBase, message, options);
  }

  private async askValueAgain(conversation: string, previous: ConversationState): Promise<BotReply> {
    await this.states.set(conversation, { ...previous, asked: previous.asked + 1, updatedAt: this.now() });
    const question = valueQuestion(this.texts, this.ruleBase.organisation);
    return {
      intent: previous.facts.intent as BotReply['intent'],
      verdict: 'vraag',
      amount: null,
      text: `${this.texts.t('waarde.opnieuw')} ${question.prompt}`,
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
      ? compose(this.texts, intent, answer, this.ruleBase.organisation, topic)
      : { intent, verdict: 'geen' as const, amount: topic.amount, text: this.texts.t('gesprek.geen_regel'), actions: [] };
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
      verdict: reply.verdict,
      counted: { at: counted.at, verdict: reply.verdict, intent: reply.intent },
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
      const before = { intent: followUpOf.counted.intent ?? reply.intent, verdict: followUpOf.counted.verdict };
      if (before.verdict !== reply.verdict || before.intent !== reply.intent) {
        counts.push({ ...base, ...before, event: 'vraag', at: asked, delta: -1 });
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
