import type { Action, BotReply } from '../messages/model.js';
import type { Address, Outbox } from '../outreach/model.js';
import { fold } from '../text/normalize.js';
import type { Texts } from '../texts/texts.js';
import type { Channel, UsageCount } from '../usage.js';
import type { ConversationState, ConversationStateStore, QuestionDraft } from '../conversation/state.js';
import { emptyFacts } from '../conversation/registration.js';
import { cleanBody, closedCount, closeForAsker, MAX_QUESTION_CHARS, replyToAsker } from './coordinator.js';
import { type Author, type QuestionDesk, type QuestionView, readCode } from './model.js';

/**
 * A question put in writing to the integrity coordinator, and the conversation that follows. The person
 * hears what happens before anything is kept, types the question, sees it once more and sends it; the
 * coordinators get only the question and its code. Answers, questions back and replies travel through
 * the outbox, so they arrive once even with several instances and wherever each side talks to the bot.
 */
export interface QuestionPorts {
  desk: QuestionDesk;
  outbox: Outbox;
  /** Where new questions and replies go: the coordinators' Slack or Teams channel. */
  inbox: readonly Address[];
  /** "kanaal:gebruiker" of the coordinators, who may answer and close. */
  coordinators: ReadonlySet<string>;
  /** How long a closed question is kept before it is deleted. */
  keepDays: number;
}

export interface QuestionContext {
  conversation: string;
  user: string | undefined;
  channel: Channel;
  /** Where this person can be reached later; without it an answer could not come back. */
  address: Address | undefined;
  previous: ConversationState | undefined;
  count: (counts: Omit<UsageCount, 'channel'>[]) => Promise<void>;
}

const SEND = /^(ja|versturen|verstuur|verzenden|verstuur maar|ja,? (versturen|verstuur)|ok(e|ay)?|prima|goed)[.!]?$/;
const CHANGE = /^(aanpassen|wijzigen|wijzig|anders|opnieuw)[.!]?$/;
const CANCEL = /^(stop|stoppen|nee|annuleren|annuleer|laat maar|toch niet)[.!]?$/;
/** "status V-7K3Q9", "hoe staat V7K3Q9 ervoor". */
const STATUS = /\b(status|stand|antwoord|hoe staat)\b/;
/** A coordinator's "vragen" or "open vragen": the inbox in the chat. */
const INBOX = /^(open )?vragen( inbox)?[.!?]?$/;

export class QuestionFlow {
  constructor(
    private readonly texts: Texts,
    private readonly states: ConversationStateStore,
    private readonly now: () => number,
    private readonly ports: QuestionPorts | undefined,
    private readonly coordinatorEmail: string | undefined,
  ) {}

  private reply(text: string, actions: Action[] = []): BotReply {
    return { intent: 'vraag_voorleggen', verdict: 'geen', amount: null, text, actions };
  }

  private action(id: Action['id'], label: string, value = '', style?: Action['style']): Action {
    return { id, label: this.texts.t(label), value, ...(style ? { style } : {}) };
  }

  private isCoordinator(user: string | undefined): boolean {
    return user !== undefined && (this.ports?.coordinators.has(user) ?? false);
  }

  private async remember(ctx: QuestionContext, question: QuestionDraft | undefined): Promise<void> {
    const base = ctx.previous ?? { facts: { ...emptyFacts(), intent: 'vraag_voorleggen' }, awaiting: null, asked: 0, updatedAt: this.now() };
    const { question: _old, ...rest } = base;
    const next = { ...rest, ...(question ? { question } : {}), awaiting: null, updatedAt: this.now() };
    await this.states.set(ctx.conversation, next);
  }

  /** Why it cannot be done here, with the way that always works: e-mail or the vertrouwenspersoon. */
  private unavailable(reason: 'niet_ingesteld' | 'geen_adres'): BotReply {
    const email = this.coordinatorEmail;
    const alternative = email ? this.texts.t('vraag.mail_liever', { email }) : this.texts.t('vraag.vertrouwenspersoon_liever');
    return { ...this.reply(`${this.texts.t(`vraag.${reason}`)} ${alternative}`), actions: [this.action('vertrouwenspersoon', 'knop.vertrouwenspersoon')] };
  }

  /**
   * "Ik wil een vraag anoniem voorleggen": what happens, then the person types. Null when questions are not
   * set up here: the rule base's own answer (how to reach the coordinator) is the answer then.
   */
  async start(ctx: QuestionContext): Promise<BotReply | null> {
    if (!this.ports) return null;
    if (!ctx.address) return this.unavailable('geen_adres');
    await this.remember(ctx, { step: 'typen', role: 'medewerker' });
    return {
      ...this.reply(this.texts.t('vraag.uitleg', { aantal: this.ports.keepDays })),
      actions: [this.action('vraag_stoppen', 'knop.stoppen')],
    };
  }

  /** The person types while the flow waits for words: the draft, or "stoppen". */
  async typed(ctx: QuestionContext, draft: QuestionDraft, text: string): Promise<BotReply | null> {
    const folded = fold(text).trim();
    if (draft.step === 'typen') {
      if (CANCEL.test(folded)) return this.stop(ctx);
      return this.review(ctx, draft, text);
    }
    if (SEND.test(folded)) return this.send(ctx, draft);
    if (CHANGE.test(folded)) return this.change(ctx, draft);
    if (CANCEL.test(folded)) return this.stop(ctx);
    // Something else entirely: the draft waits no longer, the message is answered as itself.
    await this.remember(ctx, undefined);
    return null;
  }

  /** The draft shown once more, with send, change and stop. */
  async review(ctx: QuestionContext, draft: QuestionDraft, text: string, before?: string): Promise<BotReply> {
    let body = cleanBody(text);
    const cut = body.length > MAX_QUESTION_CHARS;
    if (cut) body = body.slice(0, MAX_QUESTION_CHARS);
    await this.remember(ctx, { ...draft, step: 'bevestigen', draft: body });
    const key = draft.role === 'coordinator' ? 'vraag.controle_antwoord' : draft.code ? 'vraag.controle_reactie' : 'vraag.controle';
    const lines = [
      ...(before ? [before] : []),
      this.texts.t(key, { code: draft.code ?? '' }),
      `> ${body.replace(/\n/g, '\n> ')}`,
      ...(cut ? [this.texts.t('vraag.ingekort', { max: MAX_QUESTION_CHARS })] : []),
    ];
    return {
      ...this.reply(lines.join('\n\n')),
      actions: [
        this.action('vraag_versturen', 'knop.versturen', '', 'primary'),
        this.action('vraag_aanpassen', 'knop.aanpassen'),
        this.action('vraag_stoppen', 'knop.stoppen'),
      ],
    };
  }

  async change(ctx: QuestionContext, draft: QuestionDraft): Promise<BotReply> {
    await this.remember(ctx, { step: 'typen', role: draft.role, ...(draft.code ? { code: draft.code } : {}) });
    return { ...this.reply(this.texts.t('vraag.typ_opnieuw')), actions: [this.action('vraag_stoppen', 'knop.stoppen')] };
  }

  async stop(ctx: QuestionContext): Promise<BotReply> {
    await this.remember(ctx, undefined);
    return { ...this.reply(this.texts.t('vraag.gestopt')), actions: [this.action('nog_een_vraag', 'knop.nog_een_vraag')] };
  }

  /** "Versturen": a new question, a reply of the asker, or the coordinator's answer. */
  async send(ctx: QuestionContext, draft: QuestionDraft): Promise<BotReply> {
    const ports = this.ports;
    if (!ports || !draft.draft) return this.stop(ctx);
    const now = new Date(this.now());
    await this.remember(ctx, undefined);
    if (draft.role === 'coordinator' && draft.code) return this.answer(ctx, ports, draft.code, draft.draft, now);
    if (draft.code) return this.followUp(ctx, ports, draft.code, draft.draft, now);
    if (!ctx.address) return this.unavailable('geen_adres');
    const question = await ports.desk.ask(draft.draft, ctx.address, ctx.channel, now);
    await this.toInbox(ports, 'vraag_nieuw', question.code, 1, now);
    await ctx.count([{ event: 'vraag_voorgelegd', intent: 'vraag_voorleggen', verdict: 'open', at: now }]);
    return { ...this.reply(this.texts.t('vraag.verstuurd', { code: question.code })), actions: [this.action('nog_een_vraag', 'knop.nog_een_vraag')] };
  }

  private async toInbox(ports: QuestionPorts, kind: 'vraag_nieuw' | 'vraag_vervolg' | 'vraag_gesloten', code: string, turn: number, now: Date): Promise<void> {
    // The dedupe key makes a double press or a retried request queue the message once.
    for (const [i, address] of ports.inbox.entries()) {
      await ports.outbox.enqueue(kind, `${kind}:${code}:${String(turn)}:${String(i)}`, address, { code }, now);
    }
  }

  private async followUp(
    ctx: QuestionContext,
    ports: QuestionPorts,
    code: string,
    body: string,
    now: Date,
  ): Promise<BotReply> {
    const own = ctx.address ? await ports.desk.viewAsAsker(code, ctx.address) : null;
    if (!own || own.status === 'gesloten') return this.reply(this.texts.t('vraag.niet_gevonden', { code }));
    const view = await ports.desk.reply(code, 'medewerker', body, now);
    if (!view) return this.reply(this.texts.t('vraag.niet_gevonden', { code }));
    await this.toInbox(ports, 'vraag_vervolg', code, view.messages.length, now);
    return { ...this.reply(this.texts.t('vraag.reactie_verstuurd', { code })), actions: [this.action('nog_een_vraag', 'knop.nog_een_vraag')] };
  }

  private async answer(
    ctx: QuestionContext,
    ports: QuestionPorts,
    code: string,
    body: string,
    now: Date,
  ): Promise<BotReply> {
    if (!this.isCoordinator(ctx.user)) return this.reply(this.texts.t('coordinator.alleen'));
    const view = await replyToAsker(ports, code, body, 'antwoord', now, ctx.count);
    if (!view) return this.reply(this.texts.t('vraag.al_gesloten', { code }));
    return { ...this.reply(this.texts.t('vraag.antwoord_verstuurd', { code })), actions: [this.action('vraag_sluiten', 'knop.vraag_sluiten', code)] };
  }

  /** "Beantwoorden" (coordinator) or "Reageren" (asker) pressed: the person types next. */
  async beginReply(ctx: QuestionContext, code: string, role: Author): Promise<BotReply> {
    const ports = this.ports;
    if (!ports) return this.unavailable('niet_ingesteld');
    if (role === 'coordinator') {
      if (!this.isCoordinator(ctx.user)) return this.reply(this.texts.t('coordinator.alleen'));
      const view = await ports.desk.view(code);
      if (!view || view.status === 'gesloten') return this.reply(this.texts.t('vraag.al_gesloten', { code }));
    } else {
      const view = ctx.address ? await ports.desk.viewAsAsker(code, ctx.address) : null;
      if (!view || view.status === 'gesloten') return this.reply(this.texts.t('vraag.niet_gevonden', { code }));
    }
    await this.remember(ctx, { step: 'typen', role, code });
    const key = role === 'coordinator' ? 'vraag.typ_antwoord' : 'vraag.typ_reactie';
    return { ...this.reply(this.texts.t(key, { code })), actions: [this.action('vraag_stoppen', 'knop.stoppen')] };
  }

  /** Closed by the asker or a coordinator: the asker's address is erased, the other side is told. */
  async close(ctx: QuestionContext, code: string): Promise<BotReply> {
    const ports = this.ports;
    if (!ports) return this.unavailable('niet_ingesteld');
    const now = new Date(this.now());
    const coordinator = this.isCoordinator(ctx.user);
    const asAsker = ctx.address ? await ports.desk.viewAsAsker(code, ctx.address) : null;
    if (!coordinator && !asAsker) return this.reply(this.texts.t('vraag.niet_gevonden', { code }));
    if (!asAsker) {
      const closed = await closeForAsker(ports, code, now, ctx.count);
      return this.reply(this.texts.t(closed ? 'vraag.gesloten_coordinator' : 'vraag.al_gesloten', { code }));
    }
    if (asAsker.status === 'gesloten') return this.reply(this.texts.t('vraag.al_gesloten', { code }));
    await this.toInbox(ports, 'vraag_gesloten', code, asAsker.messages.length, now);
    await ports.desk.close(code, now);
    await ctx.count([closedCount(asAsker, now)]);
    return this.reply(this.texts.t('vraag.gesloten_door_jou', { code }));
  }

  /** "status V-7K3Q9": the conversation so far, only for the one who asked (or a coordinator). */
  async status(ctx: QuestionContext, text: string): Promise<BotReply | null> {
    const folded = fold(text);
    const ports = this.ports;
    if (ports && this.isCoordinator(ctx.user) && INBOX.test(folded.trim())) return this.inbox(ports);
    const code = readCode(text);
    if (!code || !ports || !(STATUS.test(folded) || folded.trim() === code.toLowerCase())) return null;
    const asker = ctx.address;
    const view = this.isCoordinator(ctx.user)
      ? await ports.desk.view(code)
      : asker ? await ports.desk.viewAsAsker(code, asker) : null;
    if (!view) return this.reply(this.texts.t('vraag.niet_gevonden', { code }));
    return this.thread(view, this.isCoordinator(ctx.user));
  }

  private thread(view: QuestionView, coordinator: boolean): BotReply {
    const lines = [this.texts.t(`vraag.status.${view.status}`, { code: view.code })];
    for (const m of view.messages) lines.push(`${this.texts.t(`vraag.auteur.${m.author}`)}:\n> ${m.body.replace(/\n/g, '\n> ')}`);
    const open = view.status !== 'gesloten';
    const actions = !open
      ? []
      : coordinator
        ? [this.action('vraag_beantwoorden', 'knop.beantwoorden', view.code, 'primary'), this.action('vraag_sluiten', 'knop.vraag_sluiten', view.code)]
        : [this.action('vraag_reageren', 'knop.reageren', view.code, 'primary'), this.action('vraag_sluiten', 'knop.vraag_sluiten', view.code)];
    return { ...this.reply(lines.join('\n\n')), actions };
  }

  private async inbox(ports: QuestionPorts): Promise<BotReply> {
    const open = await ports.desk.inbox();
    if (open.length === 0) return this.reply(this.texts.t('vraag.inbox_leeg'));
    const lines = [this.texts.t('vraag.inbox', { aantal: open.length })];
    for (const q of open.slice(0, 20)) lines.push(`${q.code} · ${this.texts.t(`vraag.status_kort.${q.status}`)}`);
    lines.push(this.texts.t('vraag.inbox_uitleg'));
    return this.reply(lines.join('\n'));
  }
}
