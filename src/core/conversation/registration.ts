import { GedragsbotError } from '../errors.js';
import { euro } from '../messages/compose.js';
import type { Action, BotReply } from '../messages/model.js';
import type { RegisterCommand } from '../registers/commands.js';
import { localToday } from '../registers/dates.js';
import type { Draft } from '../registers/fields.js';
import { answerFlow, type FlowReply, type FlowState, startFlow, type SummaryNote } from '../registers/flow.js';
import { type FormValues, readForm, type RegisterForm, registerForm } from '../registers/form.js';
import type { GiftEntry, GiftInput, RegisterName, SideJobEntry, SideJobInput } from '../registers/model.js';
import { LABELS } from '../registers/model.js';
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
}

const VERDICT_WORDS: Record<string, string> = {
  toegestaan: 'toegestaan',
  toegestaan_melden: 'toegestaan, en je meldt het bij je leidinggevende',
  niet_toegestaan: 'niet toegestaan: dit neem je niet aan',
  overleggen: 'overleg met je leidinggevende',
  vraag: 'hangt af van de waarde',
};

const BUSINESS_GIVERS = new Set(['leverancier', 'leveranciers', 'aannemer', 'installateur', 'opdrachtnemer', 'adviesbureau', 'ingenieursbureau']);

const choice = (label: string): Action => ({ id: 'keuze', label, value: label });

function reply(text: string, choices: string[] = [], extra: Action[] = []): BotReply {
  return { intent: 'registreren', verdict: 'geen', amount: null, text, actions: [...choices.map(choice), ...extra] };
}

const MY_ACTIONS: Action[] = [
  { id: 'keuze', label: 'Mijn registraties', value: 'mijn registraties' },
  { id: 'nog_een_vraag', label: 'Nog een vraag', value: 'help' },
];

export class RegistrationDesk {
  constructor(
    private readonly ruleBase: RuleBase,
    private readonly evaluator: RuleEvaluator,
    private readonly registers: RegisterService | undefined,
    private readonly states: ConversationStateStore,
    private readonly now: () => number,
    private readonly coordinator?: CoordinatorPort,
  ) {}

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
      if (verdict === 'niet_toegestaan' && state.draft.accepted === false) {
        return 'Volgens de gedragscode mag je dit niet aannemen: goed dat je het hebt afgeslagen.';
      }
      const words = VERDICT_WORDS[verdict] ?? verdict;
      const advice
        = verdict === 'niet_toegestaan' && state.draft.accepted === true
          ? ' Geef het terug of lever het in, en pas "wat ermee gebeurd is" zo nodig aan.'
          : '';
      return `Volgens de gedragscode: ${words}.${advice}`;
    };
  }

  private async flowReply(ctx: DeskContext, out: FlowReply): Promise<BotReply> {
    const base = ctx.previous ?? { facts: emptyFacts(), awaiting: null, asked: 0, updatedAt: this.now() };
    if (out.state) {
      const { confirmDelete: _confirm, ...rest } = base;
      const state = { ...rest, awaiting: null, registration: out.state, updatedAt: this.now() };
      await this.states.set(ctx.conversation, state);
    }
    return reply(out.text, out.choices);
  }

  /** Why registering cannot happen here, or null when it can. */
  unavailableReason(user: string | undefined): string | null {
    if (!this.registers) return 'Registreren kan hier niet: deze bot is zonder opslag gestart. Vraag IT om de bot met een opslag te starten.';
    if (!user) return 'Ik weet niet wie je bent, dus ik kan hier niets voor je registreren. Dat kan in Slack, Teams of de webchat.';
    return null;
  }

  private unavailable(ctx: DeskContext): BotReply | null {
    const reason = this.unavailableReason(ctx.user);
    return reason ? reply(reason) : null;
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
    return this.flowReply(ctx, startFlow(register, prefill, this.noteFor(verdict)));
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

  async continue(ctx: DeskContext, flow: FlowState, message: string): Promise<BotReply> {
    const verdict = await this.giftVerdict(flow.draft);
    const out = answerFlow(flow, message, new Date(this.now()), this.today(), this.noteFor(verdict));
    if (out.cancelled) {
      await this.clearFlow(ctx);
      return reply('Goed, ik heb niets opgeslagen.', [], MY_ACTIONS);
    }
    if (!out.save) return this.flowReply(ctx, out);
    return this.save(ctx, out.save);
  }

  private async clearFlow(ctx: DeskContext): Promise<void> {
    if (!ctx.previous) return;
    const { registration: _flow, ...rest } = ctx.previous;
    await this.states.set(ctx.conversation, { ...rest, updatedAt: this.now() });
  }

  /** Both registers as one form, for Slack modals and Teams cards; what the conversation knows is filled in. */
  form(ctx: DeskContext, register: RegisterName): FormOrReply {
    const blocked = this.unavailable(ctx);
    if (blocked) return { reply: blocked };
    const prefill = register === 'geschenk' ? { date: this.today(), ...this.carryOver(ctx.previous) } : {};
    return { form: registerForm(register, prefill) };
  }

  /** A submitted form: stored with a confirmation, or back with each problem next to its field and nothing lost. */
  async submitForm(ctx: DeskContext, register: RegisterName, values: FormValues): Promise<FormOrReply> {
    const blocked = this.unavailable(ctx);
    if (blocked) return { reply: blocked };
    const read = readForm(register, values, this.today(), new Date(this.now()));
    if (!read.ok) return { form: read.form };
    const flow: FlowState = { register, draft: read.draft, step: 'bevestigen', returnToSummary: true };
    const verdict = await this.giftVerdict(read.draft);
    const note = this.noteFor(verdict)(flow);
    const saved = await this.save(ctx, flow);
    return { reply: note && saved.text.startsWith('Opgeslagen') ? { ...saved, text: `${saved.text}\n${note}` } : saved };
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

  private async save(ctx: DeskContext, flow: FlowState): Promise<BotReply> {
    const blocked = this.unavailable(ctx);
    if (blocked || !this.registers || !ctx.user) return blocked ?? reply('Registreren kan hier niet.');
    try {
      await this.store(ctx.user, flow, this.registers);
    } catch (error) {
      if (!(error instanceof GedragsbotError) || error.code === 'INTERNAL') throw error;
      // Nothing was stored; the summary comes back so the employee can change what was wrong.
      return this.flowReply(ctx, { text: `${error.userMessage}\nKies "Wijzigen" om het aan te passen.`, choices: ['Wijzigen', 'Annuleren'], state: { ...flow, step: 'bevestigen' } });
    }
    await this.clearFlow(ctx);
    if (!flow.entryId) {
      const outcome = flow.register === 'geschenk'
        ? { intent: 'geschenk', verdict: flow.draft.accepted === true ? 'aangenomen' : 'geweigerd' }
        : { intent: 'nevenwerkzaamheden', verdict: flow.draft.kind === 'geen' ? 'geen' : 'gemeld' };
      await ctx.count([{ event: 'registratie', ...outcome, at: new Date(this.now()) }]);
    }
    const where = flow.register === 'geschenk' ? 'het geschenkenregister' : 'het register van nevenwerkzaamheden';
    const done = flow.entryId ? `Gewijzigd in ${where}.` : `Opgeslagen in ${where}.`;
    return reply(`${done} Alleen jij en de integriteitscoördinator kunnen dit inzien; je vindt het terug onder "mijn registraties".`, [], MY_ACTIONS);
  }

  async command(ctx: DeskContext, command: RegisterCommand): Promise<BotReply> {
    if (command.kind === 'alle_registraties' || command.kind === 'beoordeel') return this.coordinate(ctx, command);
    const blocked = this.unavailable(ctx);
    if (blocked || !this.registers || !ctx.user) return blocked ?? reply('Registreren kan hier niet.');
    const owner = ctx.user;
    switch (command.kind) {
      case 'lijst':
        return this.list(ctx, owner, this.registers);
      case 'export': {
        const data = await this.registers.exportOwn(owner);
        return reply(`Dit zijn al je gegevens in het register, als JSON:\n${JSON.stringify(data, null, 2)}`, [], MY_ACTIONS);
      }
      case 'verwijder_alles':
        await this.remember(ctx, { confirmDelete: true });
        return reply(
          'Weet je het zeker? Dit verwijdert al je registraties van geschenken en nevenwerkzaamheden, met hun geschiedenis. Dat kan niet ongedaan worden.',
          ['Ja, verwijder alles', 'Nee'],
        );
      case 'bevestig_nevenwerk':
        await this.registers.confirmSideJobs(owner, Number(this.today().slice(0, 4)));
        return reply('Dank je: je nevenwerkzaamheden zijn voor dit jaar bevestigd.', [], MY_ACTIONS);
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
      return reply('Dit kan alleen de integriteitscoördinator. Je eigen registraties zie je met "mijn registraties".', ['Mijn registraties']);
    }
    const user = ctx.user;
    const { gifts, sideJobs } = await this.coordinator.list(user, 'alle', command.kind === 'alle_registraties' && command.unreviewed ? { reviewed: false } : {});
    if (command.kind === 'beoordeel') {
      const matches = [
        ...gifts.filter((g) => matchesId(g, command.id)).map((g) => ({ register: 'geschenk' as const, id: g.id })),
        ...sideJobs.filter((s) => matchesId(s, command.id)).map((s) => ({ register: 'nevenwerk' as const, id: s.id })),
      ];
      const [match] = matches;
      if (!match || matches.length > 1) return reply(`Ik vind geen unieke registratie die begint met ${command.id}.`);
      await this.coordinator.review(user, match.register, match.id, command.note);
      return reply(`Registratie ${shortId([...gifts, ...sideJobs].find((e) => e.id === match.id))} is als bekeken gemarkeerd; de medewerker krijgt je notitie te zien.`);
    }
    const lines = [
      `Geschenken (${String(gifts.length)}):`,
      ...gifts.slice(0, 25).map((g) => `${shortId(g)}  ${describeGift(g)}`),
      `Nevenwerkzaamheden en belangen (${String(sideJobs.length)}):`,
      ...sideJobs.slice(0, 25).map((s) => `${shortId(s)}  ${describeSideJob(s)}`),
      'Markeer als bekeken met "beoordeel <code> <notitie>". Alles als CSV of JSON: gedragsbot register export.',
    ];
    return reply(lines.join('\n'), ['Alle registraties die nog niet bekeken zijn']);
  }

  async confirmDelete(ctx: DeskContext, message: string): Promise<BotReply | null> {
    await this.remember(ctx, { confirmDelete: false });
    if (!/^\s*(ja|ja,? verwijder alles|verwijder alles)\s*[.!]?\s*$/i.test(message)) return reply('Goed, ik heb niets verwijderd.', [], MY_ACTIONS);
    if (!this.registers || !ctx.user) return null;
    const removed = await this.registers.deleteAllOwn(ctx.user);
    return reply(removed > 0 ? 'Al je gegevens in de registers zijn verwijderd.' : 'Er stond niets van je in de registers.');
  }

  private async remember(ctx: DeskContext, change: Partial<ConversationState>): Promise<void> {
    const base = ctx.previous ?? { facts: emptyFacts(), awaiting: null, asked: 0, updatedAt: this.now() };
    await this.states.set(ctx.conversation, { ...base, ...change, updatedAt: this.now() });
  }

  private async list(ctx: DeskContext, owner: string, registers: RegisterService): Promise<BotReply> {
    const { gifts, sideJobs, notices } = await registers.listOwn(owner);
    const lines: string[] = [];
    const listing: NonNullable<ConversationState['listing']> = [];
    for (const n of notices) lines.push(`Bericht: ${n.message}`);
    if (notices.length > 0) await registers.markNoticesRead(owner, notices.map((n) => n.id));
    if (gifts.length > 0) lines.push('Geschenken:');
    for (const g of gifts) {
      listing.push({ register: 'geschenk', id: g.id });
      lines.push(`${String(listing.length)}. ${describeGift(g)}`);
    }
    if (sideJobs.length > 0) lines.push('Nevenwerkzaamheden en belangen:');
    for (const s of sideJobs) {
      listing.push({ register: 'nevenwerk', id: s.id });
      lines.push(`${String(listing.length)}. ${describeSideJob(s)}`);
    }
    await this.remember(ctx, { listing });
    if (listing.length === 0) {
      lines.push('Je hebt nog niets geregistreerd.');
      return reply(lines.join('\n'), ['Geschenk registreren', 'Nevenfunctie registreren']);
    }
    lines.push('Typ "wijzig 1" of "trek 1 in" om een registratie te wijzigen of in te trekken.');
    return reply(lines.join('\n'), ['Exporteer mijn gegevens', 'Verwijder mijn gegevens']);
  }

  private async onListed(ctx: DeskContext, owner: string, registers: RegisterService, command: { kind: 'intrekken' | 'wijzigen'; number: number }): Promise<BotReply> {
    const item = ctx.previous?.listing?.[command.number - 1];
    if (!item) return reply(`Ik weet niet welke registratie ${String(command.number)} is. Bekijk eerst "mijn registraties".`, ['Mijn registraties']);
    if (command.kind === 'intrekken') {
      await registers.withdraw(owner, item.register, item.id);
      return reply(`Registratie ${String(command.number)} is ingetrokken.`, [], MY_ACTIONS);
    }
    const { gifts, sideJobs } = await registers.listOwn(owner);
    const entry = item.register === 'geschenk' ? gifts.find((g) => g.id === item.id) : sideJobs.find((s) => s.id === item.id);
    if (!entry) return reply('Die registratie bestaat niet meer.', ['Mijn registraties']);
    const draft = inputOf(entry);
    const verdict = await this.giftVerdict(draft);
    return this.flowReply(ctx, startFlow(item.register, draft, this.noteFor(verdict), item.id));
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

function describeGift(g: GiftEntry): string {
  const value = g.valueEuros === null ? 'waarde onbekend' : euro(g.valueEuros);
  const review = g.reviewNote ? ` — bekeken: ${g.reviewNote}` : g.reviewedAt ? ' — bekeken' : '';
  return `${g.date}: ${g.description} (${value}, van ${g.giverOrg}, ${LABELS.outcome[g.outcome]})${review}`;
}

function describeSideJob(s: SideJobEntry): string {
  if (s.kind === 'geen') return `Geen nevenwerkzaamheden (verklaard op ${s.createdAt.slice(0, 10)})`;
  const details = s.kind === 'financieel_belang' ? s.role : `${s.paid ? 'betaald' : 'onbetaald'}${s.hoursPerWeek === null ? '' : `, ${String(s.hoursPerWeek)} uur per week`}`;
  const review = s.reviewNote ? ` — bekeken: ${s.reviewNote}` : '';
  return `${s.kind === 'financieel_belang' ? 'Financieel belang in' : `${s.role} bij`} ${s.organisation} (${details})${review}`;
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
    concepts: [],
  };
}
