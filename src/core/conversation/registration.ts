import { GedragsbotError } from '../errors.js';
import { euro } from '../messages/compose.js';
import type { Action, BotReply } from '../messages/model.js';
import type { RegisterCommand } from '../registers/commands.js';
import { localToday } from '../registers/dates.js';
import { type Draft, fieldsOf, shownValue } from '../registers/fields.js';
import { type FlowInput, type FlowReply, type FlowState, RegistrationFlow, type SummaryNote } from '../registers/flow.js';
import { type FormValues, readForm, type RegisterForm, registerForm } from '../registers/form.js';
import type { GiftEntry, GiftInput, RegisterName, SideJobEntry, SideJobInput } from '../registers/model.js';
import { calendarDay, localDay } from '../texts/time.js';
import type { Texts } from '../texts/texts.js';

/** A button's label ("Gedeeld met het team") inside a sentence. */
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
import type { CoordinatorPort, RegisterService } from '../registers/service.js';
import type { RuleEvaluator } from '../rulebase/evaluate.js';
import type { RuleBase } from '../rulebase/load.js';
import { giftKindOfText, type Understanding } from '../understanding/understand.js';
import type { UsageCount } from '../usage.js';
import type { ConversationState, ConversationStateStore } from './state.js';

type FormOrReply = { form: RegisterForm } | { reply: BotReply };

/**
 * Registering a gift or a side job in the conversation, and everything an
 * employee does with their own entries ("mijn registraties", change, withdraw,
 * export, delete all). Only what the employee enters is stored.
 */
export interface DeskContext {
  conversation: string;
  /** "kanaal:gebruiker"; without it there is nobody to register for. */
  user: string | undefined;
  previous: ConversationState | undefined;
  count(counts: Omit<UsageCount, 'channel'>[]): Promise<void>;
  /** Keeps where this person talks to the bot, so a reminder or a review can reach them there later. */
  reachable?(): Promise<void>;
  /** The channel hands over the export as a file (the web chat), so the chat need not show the data itself. */
  downloads?: boolean;
}

const BUSINESS_GIVERS = new Set(['leverancier', 'leveranciers', 'aannemer', 'installateur', 'opdrachtnemer', 'adviesbureau', 'ingenieursbureau']);

function reply(text: string, actions: Action[] = []): BotReply {
  return { intent: 'registreren', verdict: 'geen', amount: null, text, actions };
}

export class RegistrationDesk {
  private readonly texts: Texts;

  constructor(
    private readonly ruleBase: RuleBase,
    private readonly evaluator: RuleEvaluator,
    private readonly registers: RegisterService | undefined,
    private readonly states: ConversationStateStore,
    private readonly now: () => number,
    private readonly coordinator?: CoordinatorPort,
  ) {
    this.texts = ruleBase.texts;
  }

  private action(id: Action['id'], label: string, value = ''): Action {
    return { id, label: this.texts.t(label), value };
  }

  /** What follows a finished step: the person's own list, or another question. */
  private mine(): Action[] {
    return [this.action('mijn_registraties', 'knop.mijn_registraties'), this.action('nog_een_vraag', 'knop.nog_een_vraag')];
  }

  private flow(verdict: string): RegistrationFlow {
    return new RegistrationFlow(this.texts, this.noteFor(verdict));
  }

  private today(): string {
    const d = localToday(new Date(this.now()));
    return `${String(d.getFullYear())}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }

  /** The rule base's verdict on a gift as registered, shown in the summary and stored with it. */
  async giftVerdict(draft: Draft): Promise<string> {
    const value = typeof draft.valueEuros === 'number' ? draft.valueEuros : null;
    const description = typeof draft.description === 'string' ? draft.description : '';
    const answer = await this.evaluator.evaluate({
      ...emptyFacts(),
      intent: 'geschenk',
      amount: value,
      amountMin: value,
      amountMax: value,
      threshold: this.ruleBase.organisation.geschenkDrempel,
      valueUnknown: value === null,
      giftKind: giftKindOfText(this.ruleBase.lexicon, description),
    });
    return answer?.verdict ?? 'overleggen';
  }

  private noteFor(verdict: string): SummaryNote {
    return (state) => {
      if (state.register !== 'geschenk') return null;
      if (verdict === 'niet_toegestaan' && state.draft.accepted === false) return this.texts.t('registers.oordeel.goed_afgeslagen');
      const key = `registers.oordeel.${verdict}`;
      const words = this.texts.has(key) ? this.texts.t(key) : verdict;
      const advice = verdict === 'niet_toegestaan' && state.draft.accepted === true ? ` ${this.texts.t('registers.oordeel.teruggeven')}` : '';
      return `${words}${advice}`;
    };
  }

  private async flowReply(ctx: DeskContext, out: FlowReply): Promise<BotReply> {
    const base = ctx.previous ?? { facts: emptyFacts(), awaiting: null, asked: 0, updatedAt: this.now() };
    const buttons = out.choices.map((c): Action => ({ id: 'registratie', label: c.label, value: c.code }));
    if (out.state) {
      const { confirmDelete: _confirm, registrationPaused: _paused, ...rest } = base;
      const state = { ...rest, awaiting: null, registration: out.state, updatedAt: this.now() };
      await this.states.set(ctx.conversation, state);
      // Every step can be left: "Stoppen" is always one of the buttons.
      const canStop = out.choices.some((c) => c.code === 'stoppen');
      return reply(out.text, canStop ? buttons : [...buttons, this.action('registratie', 'registers.knop.stoppen', 'stoppen')]);
    }
    return reply(out.text, buttons);
  }

  /** "verder" after a referral interrupted the registration: the same step again. */
  async resume(ctx: DeskContext, flow: FlowState): Promise<BotReply> {
    const verdict = await this.giftVerdict(flow.draft);
    return this.flowReply(ctx, this.flow(verdict).start(flow.register, flow.draft, flow.entryId));
  }

  /** Why registering cannot happen here, or null when it can. */
  unavailableReason(user: string | undefined): string | null {
    if (!this.registers) return this.texts.t('registers.niet_mogelijk.geen_opslag');
    if (!user) return this.texts.t('registers.niet_mogelijk.onbekend');
    return null;
  }

  private unavailable(ctx: DeskContext): BotReply | null {
    const reason = this.unavailableReason(ctx.user);
    return reason ? reply(reason) : null;
  }

  /** A button "Registreer dit geschenk" (or nevenwerk): the chat form, with what the conversation knows. */
  async startRegister(ctx: DeskContext, register: RegisterName): Promise<BotReply> {
    const blocked = this.unavailable(ctx);
    if (blocked) return blocked;
    const prefill = register === 'geschenk' ? this.carryOver(ctx.previous) : {};
    const verdict = await this.giftVerdict(prefill);
    return this.flowReply(ctx, this.flow(verdict).start(register, prefill));
  }

  /** "Ik wil een geschenk registreren": start the form, with what the conversation already knows. */
  /** Null when it is not clear what to register: then the rule base's answer offers the choice. */
  async start(ctx: DeskContext, heard: Understanding): Promise<BotReply | null> {
    const c = heard.concepts;
    const topic = ctx.previous?.facts.intent;
    const register = c.has('nevenwerk') || c.has('financieel_belang')
      ? 'nevenwerk'
      : c.has('geschenk_woord') || c.has('geschenk_voorwerp') || c.has('waardebon') || topic === 'geschenk'
        ? 'geschenk'
        : topic === 'nevenwerkzaamheden'
          ? 'nevenwerk'
          : null;
    if (!register || this.unavailableReason(ctx.user)) return null;
    const prefill: Draft = {};
    if (register === 'nevenwerk' && c.has('geen_nevenwerk')) prefill.kind = 'geen';
    else if (register === 'nevenwerk' && c.has('financieel_belang') && !c.has('nevenwerk')) prefill.kind = 'financieel_belang';
    else if (register === 'nevenwerk' && c.has('nevenwerk')) prefill.kind = 'nevenwerk';
    if (register === 'geschenk') Object.assign(prefill, this.carryOver(ctx.previous));
    const verdict = await this.giftVerdict(prefill);
    return this.flowReply(ctx, this.flow(verdict).start(register, prefill));
  }

  /** Right after a gift answer, "registreren" keeps the value, the kind of giver and the advice to decline. */
  private carryOver(previous: ConversationState | undefined): Draft {
    const draft: Draft = {};
    const facts = previous?.facts;
    if (facts?.intent !== 'geschenk') return draft;
    draft.direction = 'ontvangen';
    if (facts.amount !== null && facts.amountMin === facts.amountMax) draft.valueEuros = facts.amount;
    if (facts.giver && BUSINESS_GIVERS.has(facts.giver)) draft.giverRelation = 'leverancier';
    if (previous?.counted?.verdict === 'niet_toegestaan') {
      draft.accepted = false;
      draft.direction = 'aangeboden';
    }
    return draft;
  }

  async continue(ctx: DeskContext, flow: FlowState, input: FlowInput): Promise<BotReply> {
    const verdict = await this.giftVerdict(flow.draft);
    const out = this.flow(verdict).answer(flow, input, new Date(this.now()), this.today());
    if (out.cancelled) {
      await this.clearFlow(ctx);
      return reply(this.texts.t('registers.niets_opgeslagen'), this.mine());
    }
    if (!out.save) return this.flowReply(ctx, out);
    return (await this.save(ctx, out.save)).reply;
  }

  private async clearFlow(ctx: DeskContext): Promise<void> {
    if (!ctx.previous) return;
    const { registration: _flow, registrationPaused: _paused, ...rest } = ctx.previous;
    await this.states.set(ctx.conversation, { ...rest, updatedAt: this.now() });
  }

  /** Both registers as one form, for Slack modals and Teams cards; what the conversation knows is filled in. */
  form(ctx: DeskContext, register: RegisterName): FormOrReply {
    const blocked = this.unavailable(ctx);
    if (blocked) return { reply: blocked };
    const prefill = register === 'geschenk' ? { date: this.today(), ...this.carryOver(ctx.previous) } : {};
    return { form: registerForm(this.texts, register, prefill) };
  }

  /** A submitted form: stored with a confirmation, or back with each problem next to its field and nothing lost. */
  async submitForm(ctx: DeskContext, register: RegisterName, values: FormValues): Promise<FormOrReply> {
    const blocked = this.unavailable(ctx);
    if (blocked) return { reply: blocked };
    const read = readForm(this.texts, register, values, this.today(), new Date(this.now()));
    if (!read.ok) return { form: read.form };
    const flow: FlowState = { register, draft: read.draft, step: 'bevestigen', returnToSummary: true };
    const verdict = await this.giftVerdict(read.draft);
    const saved = await this.save(ctx, flow);
    if (!saved.stored) return { reply: saved.reply };
    const note = this.noteFor(verdict)(flow);
    return { reply: note ? { ...saved.reply, text: `${saved.reply.text}\n${note}` } : saved.reply };
  }

  private async store(owner: string, flow: FlowState, registers: RegisterService): Promise<void> {
    const verdict = await this.giftVerdict(flow.draft);
    if (flow.register === 'geschenk') {
      const input = flow.draft as unknown as GiftInput;
      if (flow.entryId) await registers.updateGift(owner, flow.entryId, input);
      else await registers.saveGift(owner, input, verdict);
    } else {
      const input = flow.draft as unknown as SideJobInput;
      if (flow.entryId) await registers.updateSideJob(owner, flow.entryId, input);
      else await registers.saveSideJob(owner, input);
    }
  }

  /** Stores the entry; `stored` says whether it was, so no caller has to read the words of the reply. */
  private async save(ctx: DeskContext, flow: FlowState): Promise<{ stored: boolean; reply: BotReply }> {
    const blocked = this.unavailable(ctx);
    if (blocked || !this.registers || !ctx.user) return { stored: false, reply: blocked ?? reply(this.texts.t('registers.niet_mogelijk.onbekend')) };
    try {
      await this.store(ctx.user, flow, this.registers);
    } catch (error) {
      if (!(error instanceof GedragsbotError) || error.code === 'INTERNAL') throw error;
      // Nothing was stored; the summary comes back so the employee can change what was wrong.
      const choices = [{ label: this.texts.t('registers.knop.wijzigen'), code: 'wijzigen' }, { label: this.texts.t('registers.knop.annuleren'), code: 'stoppen' }];
      const text = `${this.texts.t(error.userText)}\n${this.texts.t('registers.kies_wijzigen')}`;
      return { stored: false, reply: await this.flowReply(ctx, { text, choices, state: { ...flow, step: 'bevestigen' } }) };
    }
    await this.clearFlow(ctx);
    await ctx.reachable?.();
    if (!flow.entryId) {
      const outcome = flow.register === 'geschenk'
        ? { intent: 'geschenk', verdict: flow.draft.accepted === true ? 'aangenomen' : 'geweigerd' }
        : { intent: 'nevenwerkzaamheden', verdict: flow.draft.kind === 'geen' ? 'geen' : 'gemeld' };
      await ctx.count([{ event: 'registratie', ...outcome, at: new Date(this.now()) }]);
    }
    const done = this.texts.t(`registers.${flow.register}.${flow.entryId ? 'gewijzigd' : 'opgeslagen'}`);
    return { stored: true, reply: reply(`${done} ${this.texts.t('registers.wie_ziet_het')}`, this.mine()) };
  }

  async command(ctx: DeskContext, command: RegisterCommand): Promise<BotReply> {
    if (command.kind === 'alle_registraties' || command.kind === 'beoordeel') return this.coordinate(ctx, command);
    const blocked = this.unavailable(ctx);
    if (blocked || !this.registers || !ctx.user) return blocked ?? reply(this.texts.t('registers.niet_mogelijk.onbekend'));
    const owner = ctx.user;
    switch (command.kind) {
      case 'lijst':
        return this.list(ctx, owner, this.registers);
      case 'export': {
        if (ctx.downloads) return { ...reply(this.texts.t('mijn.export_bestand'), this.mine()), download: 'mijn_gegevens' };
        const data = await this.registers.exportOwn(owner);
        return reply(`${this.texts.t('mijn.export')}\n${JSON.stringify(data, null, 2)}`, this.mine());
      }
      case 'verwijder_alles':
        await this.remember(ctx, { confirmDelete: true });
        return reply(this.texts.t('mijn.verwijderen.zeker'), [
          this.action('verwijderen', 'mijn.verwijderen.ja', 'ja'),
          this.action('verwijderen', 'mijn.verwijderen.nee', 'nee'),
        ]);
      case 'bevestig_nevenwerk':
        await this.registers.confirmSideJobs(owner, command.year ?? Number(this.today().slice(0, 4)));
        await ctx.reachable?.();
        return reply(this.texts.t('mijn.nevenwerk_bevestigd'), this.mine());
      case 'intrekken':
      case 'wijzigen':
        return this.onListed(ctx, owner, this.registers, command);
    }
  }

  /** The coordinator's commands; anyone else hears, kindly, that this is not for them. */
  private async coordinate(
    ctx: DeskContext,
    command: Extract<RegisterCommand, { kind: 'alle_registraties' | 'beoordeel' }>,
  ): Promise<BotReply> {
    if (!this.coordinator || !ctx.user || !this.coordinator.isCoordinator(ctx.user)) {
      return reply(this.texts.t('coordinator.alleen'), [this.action('mijn_registraties', 'knop.mijn_registraties')]);
    }
    const user = ctx.user;
    const { gifts, sideJobs } = await this.coordinator.list(user, 'alle', command.kind === 'alle_registraties' && command.unreviewed ? { reviewed: false } : {});
    if (command.kind === 'beoordeel') {
      const matches = [
        ...gifts.filter((g) => matchesId(g, command.id)).map((g) => ({ register: 'geschenk' as const, id: g.id })),
        ...sideJobs.filter((s) => matchesId(s, command.id)).map((s) => ({ register: 'nevenwerk' as const, id: s.id })),
      ];
      const [match] = matches;
      if (!match || matches.length > 1) return reply(this.texts.t('coordinator.niet_uniek', { code: command.id }));
      await this.coordinator.review(user, match.register, match.id, command.note);
      return reply(this.texts.t('coordinator.bekeken', { code: shortId([...gifts, ...sideJobs].find((e) => e.id === match.id)) }));
    }
    const lines = [
      this.texts.t('coordinator.geschenken', { aantal: gifts.length }),
      ...gifts.slice(0, 25).map((g) => `${shortId(g)}  ${this.describeGift(g)}`),
      this.texts.t('coordinator.nevenwerk', { aantal: sideJobs.length }),
      ...sideJobs.slice(0, 25).map((s) => `${shortId(s)}  ${this.describeSideJob(s)}`),
      this.texts.t('coordinator.uitleg'),
    ];
    return reply(lines.join('\n'), [this.action('alle_registraties_open', 'coordinator.knop.nog_te_bekijken')]);
  }

  /** The answer to "Weet je het zeker?": a button's "ja", or typed words. */
  async confirmDelete(ctx: DeskContext, answer: { code: string } | { text: string }): Promise<BotReply | null> {
    await this.remember(ctx, { confirmDelete: false });
    const yes = 'code' in answer ? answer.code === 'ja' : /^\s*(ja|ja,? verwijder alles|verwijder alles)\s*[.!]?\s*$/i.test(answer.text);
    if (!yes) return reply(this.texts.t('mijn.verwijderen.niet'), this.mine());
    if (!this.registers || !ctx.user) return null;
    const removed = await this.registers.deleteAllOwn(ctx.user);
    return reply(this.texts.t(removed > 0 ? 'mijn.verwijderen.gedaan' : 'mijn.verwijderen.niets'));
  }

  private async remember(ctx: DeskContext, change: Partial<ConversationState>): Promise<void> {
    const base = ctx.previous ?? { facts: emptyFacts(), awaiting: null, asked: 0, updatedAt: this.now() };
    await this.states.set(ctx.conversation, { ...base, ...change, updatedAt: this.now() });
  }

  private async list(ctx: DeskContext, owner: string, registers: RegisterService): Promise<BotReply> {
    const own = await registers.listOwn(owner);
    const active = <T extends { status: string }>(entries: T[]) => entries.filter((e) => e.status !== 'ingetrokken');
    const gifts = active(own.gifts);
    const sideJobs = active(own.sideJobs);
    // Where to reach someone is kept only for people with something in a register.
    if (gifts.length + sideJobs.length > 0) await ctx.reachable?.();
    const lines: string[] = [];
    const listing: NonNullable<ConversationState['listing']> = [];
    for (const n of own.notices) lines.push(this.texts.t('mijn.bericht', { bericht: n.message }));
    if (own.notices.length > 0) await registers.markNoticesRead(owner, own.notices.map((n) => n.id));
    if (gifts.length > 0) lines.push(this.texts.t('mijn.geschenken'));
    for (const g of gifts) {
      listing.push({ register: 'geschenk', id: g.id });
      lines.push(`${String(listing.length)}. ${this.describeGift(g)}`);
    }
    if (sideJobs.length > 0) lines.push(this.texts.t('mijn.nevenwerk'));
    for (const s of sideJobs) {
      listing.push({ register: 'nevenwerk', id: s.id });
      lines.push(`${String(listing.length)}. ${this.describeSideJob(s)}`);
    }
    // Withdrawn entries stay in the register (and in the export) until they are deleted: say so, without a number.
    const withdrawn = [
      ...own.gifts.filter((g) => g.status === 'ingetrokken').map((g) => this.describeGift(g)),
      ...own.sideJobs.filter((s) => s.status === 'ingetrokken').map((s) => this.describeSideJob(s)),
    ];
    if (withdrawn.length > 0) lines.push(this.texts.t('mijn.ingetrokken_kop'));
    for (const line of withdrawn) lines.push(this.texts.t('mijn.ingetrokken_regel', { registratie: line }));
    await this.remember(ctx, { listing });
    if (listing.length === 0 && withdrawn.length > 0) {
      lines.push(this.texts.t('mijn.alleen_ingetrokken'));
      return reply(lines.join('\n'), [this.action('mijn_export', 'knop.exporteer'), this.action('mijn_verwijderen', 'knop.verwijder')]);
    }
    if (listing.length === 0) {
      lines.push(this.texts.t('mijn.leeg'));
      return reply(lines.join('\n'), [
        this.action('registreer_geschenk', 'knop.registreer_geschenk'),
        this.action('registreer_nevenfunctie', 'knop.registreer_nevenwerk'),
      ]);
    }
    lines.push(this.texts.t('mijn.uitleg'));
    return reply(lines.join('\n'), [this.action('mijn_export', 'knop.exporteer'), this.action('mijn_verwijderen', 'knop.verwijder')]);
  }

  private describeGift(g: GiftEntry): string {
    const field = (key: string) => fieldsOf('geschenk').find((f) => f.key === key);
    const outcome = field('outcome');
    const value = g.valueEuros === null ? this.texts.t('mijn.waarde_onbekend') : euro(g.valueEuros);
    const review = g.reviewNote ? this.texts.t('mijn.bekeken_met_notitie', { notitie: g.reviewNote }) : g.reviewedAt ? this.texts.t('mijn.bekeken') : '';
    return this.texts.t('mijn.geschenk_regel', {
      datum: calendarDay(g.date),
      omschrijving: g.description,
      waarde: value,
      gever: g.giverOrg,
      bestemming: outcome ? lowerFirst(shownValue(this.texts, outcome, g.outcome)) : g.outcome,
    }) + review;
  }

  private describeSideJob(s: SideJobEntry): string {
    if (s.kind === 'geen') return this.texts.t('mijn.geen_nevenwerk_regel', { datum: localDay(s.createdAt) });
    const review = s.reviewNote ? this.texts.t('mijn.bekeken_met_notitie', { notitie: s.reviewNote }) : '';
    if (s.kind === 'financieel_belang') return this.texts.t('mijn.belang_regel', { organisatie: s.organisation, soort: s.role }) + review;
    const key = s.hoursPerWeek === null ? 'mijn.nevenwerk_regel' : 'mijn.nevenwerk_regel_uren';
    return this.texts.t(key, {
      functie: s.role,
      organisatie: s.organisation,
      betaald: this.texts.t(s.paid ? 'mijn.betaald' : 'mijn.onbetaald'),
      aantal: s.hoursPerWeek ?? 0,
    }) + review;
  }

  private async onListed(ctx: DeskContext, owner: string, registers: RegisterService, command: { kind: 'intrekken' | 'wijzigen'; number: number }): Promise<BotReply> {
    const item = ctx.previous?.listing?.[command.number - 1];
    if (!item) return reply(this.texts.t('mijn.welke', { nummer: command.number }), [this.action('mijn_registraties', 'knop.mijn_registraties')]);
    if (command.kind === 'intrekken') {
      await registers.withdraw(owner, item.register, item.id);
      return reply(this.texts.t('mijn.ingetrokken', { nummer: command.number }), this.mine());
    }
    const { gifts, sideJobs } = await registers.listOwn(owner);
    const entry = item.register === 'geschenk' ? gifts.find((g) => g.id === item.id) : sideJobs.find((s) => s.id === item.id);
    if (!entry) return reply(this.texts.t('mijn.bestaat_niet_meer'), [this.action('mijn_registraties', 'knop.mijn_registraties')]);
    const draft = inputOf(entry);
    const verdict = await this.giftVerdict(draft);
    return this.flowReply(ctx, this.flow(verdict).start(item.register, draft, item.id));
  }
}

/** The short code (G-7K3Q) when the store gave one, else the start of the id. */
function shortId(e: { id: string; code?: string } | undefined): string {
  return e?.code ?? e?.id.slice(0, 8) ?? '';
}

/** "g-7k3q", "g7k3q" or the start of an id, as typed after "beoordeel". */
function matchesId(e: { id: string; code?: string }, typed: string): boolean {
  const code = e.code?.toLowerCase();
  return (code !== undefined && (code === typed || code.replace('-', '') === typed)) || e.id.startsWith(typed);
}

/** The fields an employee entered, to change them again. */
function inputOf(entry: GiftEntry | SideJobEntry): Draft {
  const { id: _id, owner: _owner, status: _status, ...rest } = entry;
  const { createdAt: _c, updatedAt: _u, reviewedAt: _r, reviewNote: _n, ...input } = rest;
  if ('verdict' in input) {
    const { verdict: _verdict, ...gift } = input;
    return gift;
  }
  return input;
}

export function emptyFacts(): ConversationState['facts'] {
  return {
    intent: 'registreren',
    amount: null,
    amountMin: null,
    amountMax: null,
    valueUnknown: false,
    giftKind: null,
    trip: false,
    facility: null,
    infoKind: null,
    sideKind: null,
    giver: null,
    procedure: false,
    politicalOffice: null,
    situation: null,
    concepts: [],
  };
}
