import type { Answer } from '../rulebase/evaluate.js';
import { OPEN_ENDED, type Situation } from '../rulebase/facts.js';
import type { Intent, Organisation } from '../rulebase/schema.js';
import type { Texts } from '../texts/texts.js';
import type { Action, BotReply, Contact, ContactDetail, RuleActionId } from './model.js';

/** A rule's button: its label from the texts ("knop.<id>"), and no value to read again: the id says it all. */
export function ruleAction(texts: Texts, id: RuleActionId): Action {
  return { id, label: texts.t(`knop.${id}`), value: '' };
}

// Building an Intl formatter is slow; make the two we need once.
const WHOLE_EUROS = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const EUROS_AND_CENTS = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** Formatting is slow and the same few amounts come back all the time (the threshold in every answer). */
const formatted = new Map<number, string>();
const REMEMBERED_AMOUNTS = 1000;

/** "€50", "€49,95", "€1.250" as Dutch people write amounts. */
export function euro(amount: number): string {
  let text = formatted.get(amount);
  if (text === undefined) {
    const cents = Math.round(amount * 100) % 100 !== 0;
    text = `€${(cents ? EUROS_AND_CENTS : WHOLE_EUROS).format(amount)}`;
    if (formatted.size >= REMEMBERED_AMOUNTS) formatted.clear();
    formatted.set(amount, text);
  }
  return text;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "A, B of C" in the texts' own words for "of". */
export function listNames(texts: Texts, names: string[]): string {
  if (names.length <= 1) return names.join('');
  return texts.t('opsomming.of', { eerste: names.slice(0, -1).join(', '), laatste: names.at(-1) ?? '' });
}

/** The routes that serve this situation: the Huis voor Klokkenluiders for a misstand, not for bullying. */
export function routesFor(org: Organisation, situation: Situation | null | undefined): Organisation['externeRoutes'] {
  return org.externeRoutes.filter((r) => !r.situaties || !situation || r.situaties.includes(situation));
}

/** The organisation's vertrouwenspersonen as contact cards: the referral answers and the meldwijzer show the same. */
export function confidants(texts: Texts, org: Organisation): Contact[] {
  const detail = (kind: ContactDetail['kind'], value: string | undefined): ContactDetail[] =>
    value ? [{ kind, label: texts.t(`contact.${kind}`), value }] : [];
  return org.vertrouwenspersonen.map((p): Contact => ({
    name: p.naam,
    details: [...detail('rol', p.rol), ...detail('telefoon', p.telefoon), ...detail('email', p.email)],
  }));
}

function contactsOf(texts: Texts, org: Organisation, situation: Situation | null | undefined): Contact[] {
  const detail = (kind: ContactDetail['kind'], value: string | undefined): ContactDetail[] =>
    value ? [{ kind, label: texts.t(`contact.${kind}`), value }] : [];
  const internal = confidants(texts, org);
  // A route is named as it reads mid-sentence ("de politie"); as a heading it starts with a capital.
  const external = routesFor(org, situation).map((r): Contact => ({
    name: capital(r.naam),
    details: [...detail('wat', r.omschrijving), ...detail('telefoon', r.telefoon), ...detail('email', r.email), ...detail('website', r.url)],
  }));
  return [...internal, ...external, ...intranetContact(texts, org)];
}

/** The intranet pages a referral points to, when the organisation configured them ("intranet" in organisatie.json). */
const REFERRAL_PAGES = ['vertrouwenspersonen', 'meldregeling'] as const;

function intranetContact(texts: Texts, org: Organisation): Contact[] {
  const details = REFERRAL_PAGES.flatMap((page): ContactDetail[] => {
    const url = org.intranet[page];
    return url ? [{ kind: 'website', label: texts.t(`intranet.${page}`), value: url }] : [];
  });
  return details.length > 0 ? [{ name: texts.t('intranet.kop'), details }] : [];
}

/** The value as the person gave it: "€70", "meer dan €50", "hooguit €50", "€40 tot €60". */
export interface ValueFacts {
  amount: number | null;
  amountMin: number | null;
  amountMax: number | null;
  /** For referrals: which routes fit. */
  situation?: Situation | null;
}

export function describeValue(texts: Texts, { amount, amountMin, amountMax }: ValueFacts): string {
  if (amountMin === null || amountMax === null) return amount === null ? texts.t('bedrag.genoemd') : euro(amount);
  if (amountMax >= OPEN_ENDED) return texts.t('bedrag.meer_dan', { bedrag: euro(amount ?? Math.round((amountMin - 0.01) * 100) / 100) });
  if (amountMin === amountMax) return euro(amountMin);
  if (amountMin === 0) return texts.t('bedrag.hooguit', { bedrag: euro(amountMax) });
  return texts.t('bedrag.tussen', { van: euro(amountMin), tot: euro(amountMax) });
}

function routeName(r: Organisation['externeRoutes'][number]): string {
  const how = [r.telefoon, r.url?.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')].filter(Boolean).join(', ');
  return how ? `${r.naam} (${how})` : r.naam;
}

/** The placeholders a text may use: the organisation's own facts and the value of the topic. */
export function fill(texts: Texts, template: string, org: Organisation, value: ValueFacts): string {
  if (!template.includes('{')) return template;
  // Worked out only when the text asks for it: most texts use one placeholder or none.
  const values: Record<string, (() => string) | undefined> = {
    drempel: () => euro(org.geschenkDrempel),
    bedrag: () => describeValue(texts, value),
    organisatie: () => org.naam,
    vertrouwenspersonen: () =>
      listNames(texts, org.vertrouwenspersonen.map((p) => (p.telefoon ? `${p.naam} (${p.telefoon})` : p.naam))),
    routes: () => listNames(texts, routesFor(org, value.situation).map(routeName)),
    coordinator: () => {
      const coordinator = org.integriteitscoordinator;
      return coordinator
        ? `${coordinator.naam}${coordinator.email ? ` (${coordinator.email})` : ''}`
        : texts.t('coordinator.naam');
    },
  };
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key]?.() ?? whole);
}

/** One of the bot's own sentences, with {vertrouwenspersonen}, {organisatie} and {coordinator} filled in. */
export function say(texts: Texts, key: string, org: Organisation): string {
  return fill(texts, texts.t(key), org, { amount: null, amountMin: null, amountMax: null });
}

/** "Gaat het om een geschenk, een uitnodiging of iets anders?" with a button per topic. */
export function topicQuestion(texts: Texts, topics: readonly string[]): NonNullable<BotReply['question']> {
  const names = topics.map((t) => texts.t(`onderwerp.${t}`));
  return {
    slot: 'onderwerp',
    prompt: texts.t('gesprek.welk_onderwerp', { onderwerpen: listNames(texts, [...names, texts.t('onderwerp.anders')]) }),
    choices: [
      ...topics.map((t, i): Action => ({ id: 'onderwerp', label: capital(names[i] ?? t), value: t })),
      { id: 'onderwerp', label: capital(texts.t('onderwerp.anders')), value: 'anders' },
    ],
  };
}

export function valueQuestion(texts: Texts, org: Organisation): NonNullable<BotReply['question']> {
  const limit = euro(org.geschenkDrempel);
  return {
    slot: 'waarde',
    prompt: texts.t('waarde.vraag'),
    choices: [
      { id: 'waarde', label: texts.t('waarde.knop.laag', { drempel: limit }), value: 'laag' },
      { id: 'waarde', label: texts.t('waarde.knop.hoog', { drempel: limit }), value: 'hoog' },
      { id: 'waarde', label: texts.t('waarde.knop.onbekend'), value: 'onbekend' },
    ],
  };
}

/**
 * The menu: the welcome when the app is installed, and Slack's App Home. It
 * says what the bot keeps and what not, because that decides whether people
 * dare to ask.
 */
export function menuReply(texts: Texts, org: Organisation): BotReply {
  return {
    intent: 'help',
    verdict: 'geen',
    amount: null,
    text: say(texts, 'menu.welkom', org),
    actions: [
      ruleAction(texts, 'dilemma'),
      { id: 'registreer_geschenk', label: texts.t('knop.registreer_geschenk_menu'), value: '' },
      { id: 'registreer_nevenfunctie', label: texts.t('knop.registreer_nevenwerk'), value: '' },
      { id: 'mijn_registraties', label: texts.t('knop.mijn_registraties'), value: '' },
      ruleAction(texts, 'vertrouwenspersoon'),
      { id: 'wat_bewaren_we', label: texts.t('knop.wat_bewaren_we'), value: '' },
    ],
  };
}

export function compose(texts: Texts, intent: Intent, answer: Answer, org: Organisation, value: ValueFacts): BotReply {
  const question = answer.vervolgvraag === 'waarde' ? valueQuestion(texts, org) : undefined;
  const body = fill(texts, answer.tekst, org, value);
  const amount = value.amount;
  const text = question ? `${body} ${question.prompt}` : body;
  const reply: BotReply = {
    intent,
    verdict: answer.verdict,
    amount,
    text,
    source: answer.bron,
    ...(answer.bron && org.intranet.gedragscode ? { sourceUrl: org.intranet.gedragscode } : {}),
    actions: answer.acties.map((id) => ruleAction(texts, id)),
  };
  if (question) reply.question = question;
  if (answer.verdict === 'doorverwijzen') reply.contacts = contactsOf(texts, org, value.situation);
  return reply;
}
