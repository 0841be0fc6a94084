import { type Action, type BotReply, type Contact, type ContactDetail, linkOf, shortUrl } from '../../core/messages/model.js';
import type { Engine } from '../../core/engine/engine.js';

/** The rule base's words, as the engine hands them to channels. */
type Texts = Engine['texts'];

/**
 * The neutral reply as the web chat shows it. The browser builds the elements itself (text content and
 * attributes only, never HTML), so this says what to show, not how: paragraphs, contact cards whose phone
 * numbers, e-mail addresses and pages are links, the rule it rests on, buttons and download links. Every
 * href is made here from a known kind, so the browser never turns arbitrary text into a link.
 */
export interface WebDetail {
  label: string;
  text: string;
  href?: string;
}

export type WebBlock
  = | { type: 'text'; text: string }
    | { type: 'contact'; name: string; details: WebDetail[] }
    | { type: 'source'; text: string; href?: string };

export interface WebButton {
  title: string;
  action: string;
  value: string;
  primary?: true;
  /** An answer to the question on this card: once the conversation moves on, it no longer applies. */
  choice?: true;
  /** One of the answers (not "Stoppen"): after a button, the keyboard goes on at the first of these. */
  answer?: true;
}

export interface WebLink {
  title: string;
  href: string;
}

export interface WebCard {
  body: WebBlock[];
  actions: WebButton[];
  links?: WebLink[];
}

/** The paths of the visitor's own export; routes.ts serves them. */
export const EXPORT_PATHS = { csv: '/api/mijn-gegevens.csv', json: '/api/mijn-gegevens.json' } as const;

/**
 * Buttons that answer what the bot just asked (a registration step, a value, a topic, a dilemma option, a yes
 * to deleting): pressed later, they would answer a question that is no longer open.
 */
const MOMENT_BOUND = new Set<string>([
  'registratie', 'waarde', 'onderwerp', 'hervatten', 'verwijderen', 'dilemma_keuze', 'vraag_versturen', 'vraag_aanpassen',
]);

/** "030 700 1234" → tel:0307001234, "+31 (0)30 …" → tel:+3130…; null when it holds no number to call. */
export function telHref(phone: string): string | null {
  return linkOf({ kind: 'telefoon', label: '', value: phone }) ?? null;
}

/** Only http(s) pages become links: a rule base cannot slip a javascript: URL into the page. */
export function webHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function hrefOf(d: ContactDetail): string | null {
  // What may be a link is decided once for every channel, from the detail's kind.
  return linkOf(d) ?? null;
}

function detail(d: ContactDetail): WebDetail {
  const href = hrefOf(d);
  // A page reads better without its scheme, as in Slack and Teams: "113.nl", "intranet.gemeente.nl/integriteit/melden".
  const text = (d.kind === 'website' || d.kind === 'intranet') && href ? shortUrl(d.value) : d.value;
  return { label: d.label, text, ...(href ? { href } : {}) };
}

function contact(c: Contact): WebBlock {
  return { type: 'contact', name: c.name, details: c.details.map(detail) };
}

function button(action: Action, choice: boolean): WebButton {
  const stops = action.value === 'stoppen' || action.id === 'dilemma_stoppen' || action.id === 'vraag_stoppen';
  return {
    title: action.label,
    action: action.id,
    value: action.value,
    ...(action.style === 'primary' ? { primary: true as const } : {}),
    ...(choice ? { choice: true as const } : {}),
    ...(choice && !stops ? { answer: true as const } : {}),
  };
}

export function webCard(reply: BotReply, texts: Texts): WebCard {
  const body: WebBlock[] = [{ type: 'text', text: reply.text }];
  for (const c of reply.contacts ?? []) body.push(contact(c));
  if (reply.source) {
    const href = reply.sourceUrl ? webHref(reply.sourceUrl) : null;
    body.push({ type: 'source', text: texts.t('web.bron', { bron: reply.source }), ...(href ? { href } : {}) });
  }
  const choices = (reply.question?.choices ?? []).map((a) => button(a, true));
  const actions = [...choices, ...reply.actions.map((a) => button(a, MOMENT_BOUND.has(a.id)))];
  const links = reply.download === 'mijn_gegevens'
    ? [{ title: texts.t('web.download_csv'), href: EXPORT_PATHS.csv }, { title: texts.t('web.download_json'), href: EXPORT_PATHS.json }]
    : undefined;
  return { body, actions, ...(links ? { links } : {}) };
}
