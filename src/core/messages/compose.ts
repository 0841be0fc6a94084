import type { Answer } from '../rulebase/evaluate.js';
import type { Intent, Organisation } from '../rulebase/schema.js';
import type { Action, ActionId, BotReply, Contact } from './model.js';

/** Buttons people see; the value is what the bot receives when one is pressed. */
const ACTION_LABELS: Record<ActionId, { label: string; value: string }> = {
  registreer_geschenk: { label: 'Registreer dit geschenk', value: 'Ik wil een geschenk registreren' },
  registreer_nevenfunctie: { label: 'Registreer nevenfunctie', value: 'Ik wil een nevenfunctie registreren' },
  vertrouwenspersoon: { label: 'Praat met een vertrouwenspersoon', value: 'Wie is de vertrouwenspersoon?' },
  meldroutes: { label: 'Meldroutes', value: 'Waar kan ik een vermoeden van een misstand melden?' },
  nog_een_vraag: { label: 'Nog een vraag', value: 'help' },
  dilemma: { label: 'Geef me een dilemma', value: 'Geef me een dilemma' },
};

export function euro(amount: number): string {
  const cents = Math.round(amount * 100) % 100 !== 0;
  return `€${amount.toLocaleString('nl-NL', { minimumFractionDigits: cents ? 2 : 0, maximumFractionDigits: 2 })}`;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} of ${names.at(-1)}`;
}

function contactsOf(org: Organisation): Contact[] {
  const internal = org.vertrouwenspersonen.map((p) => ({
    name: p.naam,
    ...(p.telefoon ? { phone: p.telefoon } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.rol ? { role: p.rol } : {}),
  }));
  const external = org.externeRoutes.map((r) => ({
    name: r.naam,
    description: r.omschrijving,
    ...(r.telefoon ? { phone: r.telefoon } : {}),
    ...(r.email ? { email: r.email } : {}),
    ...(r.url ? { url: r.url } : {}),
  }));
  return [...internal, ...external];
}

function fill(template: string, org: Organisation, amount: number | null): string {
  const people = org.vertrouwenspersonen.map((p) => (p.telefoon ? `${p.naam} (${p.telefoon})` : p.naam));
  const values: Record<string, string> = {
    drempel: euro(org.geschenkDrempel),
    bedrag: amount === null ? 'de genoemde waarde' : euro(amount),
    organisatie: org.naam,
    vertrouwenspersonen: listNames(people),
    routes: listNames(org.externeRoutes.map((r) => r.naam)),
  };
  return template.replace(/\{([a-z]+)\}/g, (whole, key: string) => values[key] ?? whole);
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

export function compose(intent: Intent, answer: Answer, org: Organisation, amount: number | null): BotReply {
  const question = answer.vervolgvraag === 'waarde' ? valueQuestion(org) : undefined;
  const body = fill(answer.tekst, org, amount);
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
  if (answer.verdict === 'doorverwijzen') reply.contacts = contactsOf(org);
  return reply;
}
