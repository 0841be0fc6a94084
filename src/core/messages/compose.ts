import type { Answer } from '../rulebase/evaluate.js';
import { OPEN_ENDED, type Situation } from '../rulebase/facts.js';
import type { Intent, Organisation } from '../rulebase/schema.js';
import type { Action, ActionId, BotReply, Contact } from './model.js';
import { TEXTS } from './texts.js';

/** Buttons people see; the value is what the bot receives when one is pressed. */
const ACTION_LABELS: Record<ActionId, { label: string; value: string }> = {
  registreer_geschenk: { label: 'Registreer dit geschenk', value: 'Ik wil een geschenk registreren' },
  registreer_nevenfunctie: { label: 'Registreer nevenfunctie', value: 'Ik wil een nevenfunctie registreren' },
  vertrouwenspersoon: { label: 'Praat met een vertrouwenspersoon', value: 'Wie is de vertrouwenspersoon?' },
  meldroutes: { label: 'Meldroutes', value: 'Waar kan ik een vermoeden van een misstand melden?' },
  nog_een_vraag: { label: 'Nog een vraag', value: 'help' },
  dilemma: { label: 'Geef me een dilemma', value: 'Geef me een dilemma' },
};

// Building an Intl formatter is slow; make the two we need once.
const WHOLE_EUROS = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const EUROS_AND_CENTS = new Intl.NumberFormat('nl-NL', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "€50", "€49,95", "€1.250" as Dutch people write amounts. */
export function euro(amount: number): string {
  const cents = Math.round(amount * 100) % 100 !== 0;
  return `€${(cents ? EUROS_AND_CENTS : WHOLE_EUROS).format(amount)}`;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} of ${names.at(-1)}`;
}

/** The routes that serve this situation: the Huis voor Klokkenluiders for a misstand, not for bullying. */
export function routesFor(org: Organisation, situation: Situation | null | undefined): Organisation['externeRoutes'] {
  return org.externeRoutes.filter((r) => !r.situaties || !situation || r.situaties.includes(situation));
}

function contactsOf(org: Organisation, situation: Situation | null | undefined): Contact[] {
  const internal = org.vertrouwenspersonen.map((p) => ({
    name: p.naam,
    ...(p.telefoon ? { phone: p.telefoon } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.rol ? { role: p.rol } : {}),
  }));
  const external = routesFor(org, situation).map((r) => ({
    name: r.naam,
    description: r.omschrijving,
    ...(r.telefoon ? { phone: r.telefoon } : {}),
    ...(r.email ? { email: r.email } : {}),
    ...(r.url ? { url: r.url } : {}),
  }));
  return [...internal, ...external];
}

/** The value as the person gave it: "€70", "meer dan €50", "hooguit €50", "€40 tot €60". */
export interface ValueFacts {
  amount: number | null;
  amountMin: number | null;
  amountMax: number | null;
  /** For referrals: which routes fit. */
  situation?: Situation | null;
}

export function describeValue({ amount, amountMin, amountMax }: ValueFacts): string {
  if (amountMin === null || amountMax === null) return amount === null ? 'de genoemde waarde' : euro(amount);
  if (amountMax >= OPEN_ENDED)
    return `meer dan ${euro(amount ?? Math.round((amountMin - 0.01) * 100) / 100)}`;
  if (amountMin === amountMax) return euro(amountMin);
  if (amountMin === 0) return `hooguit ${euro(amountMax)}`;
  return `${euro(amountMin)} tot ${euro(amountMax)}`;
}

function routeName(r: Organisation['externeRoutes'][number]): string {
  const how = [r.telefoon, r.url?.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')].filter(Boolean).join(', ');
  return how ? `${r.naam} (${how})` : r.naam;
}

function fill(template: string, org: Organisation, value: ValueFacts): string {
  const people = org.vertrouwenspersonen.map((p) => (p.telefoon ? `${p.naam} (${p.telefoon})` : p.naam));
  const coordinator = org.integriteitscoordinator;
  const values: Record<string, string> = {
    drempel: euro(org.geschenkDrempel),
    bedrag: describeValue(value),
    organisatie: org.naam,
    vertrouwenspersonen: listNames(people),
    routes: listNames(routesFor(org, value.situation).map(routeName)),
    coordinator: coordinator
      ? `${coordinator.naam}${coordinator.email ? ` (${coordinator.email})` : ''}`
      : 'de integriteitscoördinator',
  };
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** {vertrouwenspersonen} and {organisatie} in one of the bot's own sentences. */
export function fillPeople(template: string, org: Organisation): string {
  return fill(template, org, { amount: null, amountMin: null, amountMax: null });
}

export const choiceAction = (label: string): Action => ({ id: 'keuze', label, value: label });

const TOPIC_NAMES: Record<string, string> = {
  geschenk: 'een geschenk',
  uitnodiging: 'een uitnodiging',
  nevenwerkzaamheden: 'nevenwerk of een nevenfunctie',
  privegebruik: 'privégebruik van spullen van het werk',
  informatie: 'omgaan met informatie',
  belangenverstrengeling: 'familie of vrienden in je werk',
};

/** "Gaat het om een geschenk, een uitnodiging, of iets anders?" with a button per topic. */
export function topicQuestion(topics: readonly string[]): NonNullable<BotReply['question']> {
  const names = topics.map((t) => TOPIC_NAMES[t] ?? t);
  const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    slot: 'onderwerp',
    prompt: `${TEXTS.whichTopic} ${[...names, 'of iets anders'].join(', ')}?`,
    choices: [...names.map((n) => choiceAction(capital(n))), choiceAction('Iets anders')],
  };
}

export function valueQuestion(org: Organisation): NonNullable<BotReply['question']> {
  const limit = euro(org.geschenkDrempel);
  const choice = (label: string): Action => ({ id: 'keuze', label, value: label });
  return {
    slot: 'waarde',
    prompt: 'Wat is de geschatte waarde?',
    choices: [choice(`${limit} of minder`), choice(`meer dan ${limit}`), choice('weet ik niet')],
  };
}

/**
 * The menu: the welcome when the app is installed, and Slack's App Home. It
 * says what the bot keeps and what not, because that decides whether people
 * dare to ask.
 */
export function menuReply(org: Organisation): BotReply {
  const action = (id: ActionId): Action => ({ id, ...ACTION_LABELS[id] });
  return {
    intent: 'help',
    verdict: 'geen',
    amount: null,
    text: TEXTS.welcome.replace('{organisatie}', org.naam),
    actions: [
      action('dilemma'),
      action('registreer_geschenk'),
      { id: 'registreer_nevenfunctie', label: 'Registreer nevenwerk', value: ACTION_LABELS.registreer_nevenfunctie.value },
      { id: 'keuze', label: 'Mijn registraties', value: 'mijn registraties' },
      action('vertrouwenspersoon'),
    ],
  };
}

export function compose(intent: Intent, answer: Answer, org: Organisation, value: ValueFacts): BotReply {
  const question = answer.vervolgvraag === 'waarde' ? valueQuestion(org) : undefined;
  const body = fill(answer.tekst, org, value);
  const amount = value.amount;
  const text = question ? `${body} ${question.prompt}` : body;
  const reply: BotReply = {
    intent,
    verdict: answer.verdict,
    amount,
    text,
    source: answer.bron,
    actions: answer.acties.map((id) => ({ id, ...ACTION_LABELS[id] })),
  };
  if (question) reply.question = question;
  if (answer.verdict === 'doorverwijzen') reply.contacts = contactsOf(org, value.situation);
  return reply;
}
