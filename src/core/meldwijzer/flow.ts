import { emptyFacts } from '../conversation/registration.js';
import type { ConversationState, ConversationStateStore } from '../conversation/state.js';
import type { Action, BotReply, Contact, ContactDetail } from '../messages/model.js';
import { confidants } from '../messages/compose.js';
import {
  type Intent,
  MELD_KEUZES,
  MELD_SOORTEN,
  type MeldKeuze,
  type Meldroute,
  type MeldSoort,
  type Meldwijzer,
  type Organisation,
} from '../rulebase/schema.js';
import { fold } from '../text/normalize.js';
import type { Texts } from '../texts/texts.js';
import type { UsageCount } from '../usage.js';

/**
 * The meldwijzer: "Waar kan ik dit melden?" in two questions with buttons (what it is about; advice first
 * or report), then only the routes of meldwijzer.json that serve that kind and choice, each with what
 * happens next and how the person is protected. The conversation keeps only the code of the kind chosen;
 * what counts is which routes were shown, never who asked or what happened.
 */
export interface MeldwijzerContext {
  conversation: string;
  previous: ConversationState | undefined;
  /** The referral this belongs to: how the reply is filed and kept private in a shared channel. */
  intent: Intent;
  count(counts: Omit<UsageCount, 'channel'>[]): Promise<void>;
}

/** Kinds where a second of delay matters: their first line is said again above the routes. */
const URGENT: ReadonlySet<MeldSoort> = new Set(['misdrijf', 'datalek']);

/**
 * "Waar kan ik dit melden?", "hoe meld ik een vermoeden van fraude", "ik wil iets melden": a person asking
 * for the way, not telling what happened. Whether it may start the meldwijzer also depends on what the
 * message is about (a side job to report is a registration), which the bot decides. When the message is
 * not about a referral topic at all, only the plain question for the way counts: "hoe meld ik me ziek" not.
 */
const WHERE_TO_REPORT = [
  /\b(waar|hoe|bij wie|wie)\b.{0,80}\b(meld|melden|aangeven|aankaarten)\b/,
  /\bik (wil|moet|zou)\b.{0,20}\b(iets|wat|dit|dat|het|een melding)\b.{0,20}\b(melden|doen|aankaarten)\b/,
  /\bmeldwijzer\b/,
];
const PLAINLY_WHERE_TO_REPORT = [
  /^(waar|hoe|bij wie) (kan|moet|mag) ik (dit|dat|het|iets|zoiets) (melden|aangeven|aankaarten)$/,
  /^(waar|hoe|bij wie) meld ik (dit|dat|het|iets|zoiets)$/,
  /^ik (wil|moet) (graag )?(iets|wat) (melden|aankaarten)$/,
  /^ik wil (graag )?een melding doen$/,
  /^meldwijzer$/,
];

export function asksWhereToReport(text: string, plainly = false): boolean {
  const folded = fold(text).replace(/[.!?]+$/, '').trim();
  return (plainly ? PLAINLY_WHERE_TO_REPORT : WHERE_TO_REPORT).some((pattern) => pattern.test(folded));
}

export function isSoort(value: string): value is MeldSoort {
  return (MELD_SOORTEN as readonly string[]).includes(value);
}

export function isKeuze(value: string): value is MeldKeuze {
  return (MELD_KEUZES as readonly string[]).includes(value);
}

/** A pressed "advies" or "melden": its value carries the kind too, so it works without any state. */
export function readWay(value: string): { soort: MeldSoort; keuze: MeldKeuze } | null {
  const [soort = '', keuze = ''] = value.split(':');
  return isSoort(soort) && isKeuze(keuze) ? { soort, keuze } : null;
}

/** The routes that serve this kind and choice, in the order of meldwijzer.json. */
export function routesFor(meldwijzer: Meldwijzer, soort: MeldSoort, keuze: MeldKeuze): Meldroute[] {
  return meldwijzer.routes.filter((r) => r.soorten.includes(soort) && r.voor.includes(keuze));
}

export class MeldwijzerFlow {
  constructor(
    private readonly texts: Texts,
    private readonly organisation: Organisation,
    private readonly meldwijzer: Meldwijzer,
    private readonly states: ConversationStateStore,
    private readonly now: () => number,
  ) {}

  private reply(ctx: MeldwijzerContext, text: string, extra: Partial<BotReply> = {}): BotReply {
    return { intent: ctx.intent, verdict: 'doorverwijzen', amount: null, text, actions: [], ...extra };
  }

  /** Only the chosen code is remembered; an open registration waits, as it does after any referral. */
  private async remember(ctx: MeldwijzerContext, waiting: ConversationState['meldwijzer'] | undefined): Promise<void> {
    const base: ConversationState = ctx.previous
      ?? { facts: { ...emptyFacts(), intent: ctx.intent }, awaiting: null, asked: 0, updatedAt: this.now() };
    const { meldwijzer: _old, ...rest } = base;
    const paused = rest.registration ? { registrationPaused: true } : {};
    const done = waiting ? {} : { facts: { ...emptyFacts(), intent: ctx.intent }, verdict: 'doorverwijzen' };
    await this.states.set(ctx.conversation, {
      ...rest,
      ...paused,
      ...done,
      ...(waiting ? { meldwijzer: waiting } : {}),
      awaiting: null,
      updatedAt: this.now(),
    });
  }

  /** The first question: what is it about. */
  async start(ctx: MeldwijzerContext): Promise<BotReply> {
    await this.remember(ctx, { soort: null });
    const prompt = this.texts.t('meldwijzer.vraag_soort');
    const choices = MELD_SOORTEN.map((soort): Action => ({ id: 'meldwijzer_soort', label: this.texts.t(`meldwijzer.soort.${soort}`), value: soort }));
    return this.reply(ctx, prompt, { question: { slot: 'meldwijzer', prompt, choices } });
  }

  /** The second question: advice first, or report. */
  async chooseKind(ctx: MeldwijzerContext, soort: MeldSoort): Promise<BotReply> {
    await this.remember(ctx, { soort });
    const onderwerp = this.texts.t(`meldwijzer.onderwerp.${soort}`);
    const prompt = this.texts.t('meldwijzer.vraag_keuze', { onderwerp });
    const choices = MELD_KEUZES.map((keuze): Action => ({
      id: 'meldwijzer_keuze',
      label: this.texts.t(`meldwijzer.keuze.${keuze}`),
      value: `${soort}:${keuze}`,
    }));
    return this.reply(ctx, `${this.texts.t(`meldwijzer.let_op.${soort}`)} ${prompt}`, {
      question: { slot: 'meldwijzer', prompt, choices },
      actions: [this.again()],
    });
  }

  /** The routes that fit, each with what happens next and how the person is protected; counted per route. */
  async chooseWay(ctx: MeldwijzerContext, soort: MeldSoort, keuze: MeldKeuze): Promise<BotReply> {
    await this.remember(ctx, undefined);
    const routes = routesFor(this.meldwijzer, soort, keuze);
    const at = new Date(this.now());
    await ctx.count(routes.map((r) => ({ event: 'meldroute', intent: soort, verdict: r.id, at })));
    const onderwerp = this.texts.t(`meldwijzer.onderwerp.${soort}`);
    const lines = [
      ...(URGENT.has(soort) ? [this.texts.t(`meldwijzer.let_op.${soort}`)] : []),
      this.texts.t(`meldwijzer.routes.${keuze}`, { onderwerp }),
      this.texts.t('meldwijzer.privacy'),
    ];
    return this.reply(ctx, lines.join(' '), {
      contacts: routes.flatMap((r) => this.contacts(r)),
      actions: [this.again(), { id: 'nog_een_vraag', label: this.texts.t('knop.nog_een_vraag'), value: '' }],
    });
  }

  /**
   * A typed answer while a question is open: its number ("2") or the words of its button. Null when the
   * message is something else; the bot then forgets the meldwijzer and answers the message as itself.
   */
  async typed(ctx: MeldwijzerContext, soort: MeldSoort | null, text: string): Promise<BotReply | null> {
    const folded = fold(text).replace(/[.!?]+$/, '').trim();
    if (soort === null) {
      const chosen = MELD_SOORTEN.find((s, i) => folded === String(i + 1) || folded === fold(this.texts.t(`meldwijzer.soort.${s}`)));
      return chosen ? this.chooseKind(ctx, chosen) : null;
    }
    const way = MELD_KEUZES.find((k, i) => folded === String(i + 1) || folded === k || folded === fold(this.texts.t(`meldwijzer.keuze.${k}`)));
    return way ? this.chooseWay(ctx, soort, way) : null;
  }

  /** A message that is not an answer: the meldwijzer no longer waits. */
  async forget(ctx: MeldwijzerContext): Promise<ConversationState | undefined> {
    if (!ctx.previous) return undefined;
    const { meldwijzer: _old, ...rest } = ctx.previous;
    await this.states.set(ctx.conversation, rest);
    return rest;
  }

  private again(): Action {
    return { id: 'meldroutes', label: this.texts.t('meldwijzer.knop.opnieuw'), value: '' };
  }

  private detail(kind: ContactDetail['kind'], value: string | undefined): ContactDetail[] {
    return value ? [{ kind, label: this.texts.t(`contact.${kind}`), value }] : [];
  }

  private contacts(route: Meldroute): Contact[] {
    const page = route.intranet ? this.organisation.intranet[route.intranet] : undefined;
    const own: Contact = {
      name: route.naam,
      details: [
        ...this.detail('wat', route.omschrijving),
        ...this.detail('vervolg', route.vervolg),
        ...this.detail('bescherming', route.bescherming),
        ...this.detail('telefoon', route.telefoon),
        ...this.detail('email', route.email),
        ...this.detail('website', route.url),
        ...this.detail('intranet', page),
      ],
    };
    if (!route.metVertrouwenspersonen) return [own];
    return [own, ...confidants(this.texts, this.organisation)];
  }
}
