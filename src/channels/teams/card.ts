import { type Action, type BotReply, type Contact, type ContactDetail, linkOf, shortUrl } from '../../core/messages/model.js';

/**
 * The neutral reply as an Adaptive Card 1.5: what Teams shows, and what the
 * local web chat renders with the same official renderer. Buttons are
 * Action.Submit; their data carries the text the bot receives when pressed.
 */
export const CARD_VERSION = '1.5';
/** Teams refuses cards above 28 KB; long texts are cut well below that. */
export const MAX_CARD_BYTES = 28 * 1024;
const MAX_TEXT = 12_000;

export interface SubmitData {
  /** What the bot receives, as if the person typed it. */
  text: string;
  action: string;
}

type Element = Record<string, unknown>;

function textBlock(text: string, extra: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/**
 * A phone number, address or page as a markdown link in the fact's value: Teams renders markdown there.
 * What may be a link is decided once, by linkOf; the web chat builds its own links from the same.
 */
function factValue(detail: ContactDetail): string {
  const link = linkOf(detail);
  if (!link) return detail.value;
  const shown = detail.kind === 'website' || detail.kind === 'intranet' ? shortUrl(detail.value) : detail.value;
  return `[${shown.replace(/[[\]]/g, '')}](${link})`;
}

function contactBlock(contact: Contact): Element {
  const facts = contact.details.map((d) => ({ title: d.label, value: factValue(d) }));
  return {
    type: 'Container',
    separator: true,
    items: [textBlock(contact.name, { weight: 'Bolder' }), ...(facts.length > 0 ? [{ type: 'FactSet', facts }] : [])],
  };
}

function submit(action: Action): Element {
  const data: SubmitData = { text: action.value, action: action.id };
  return { type: 'Action.Submit', title: action.label, data, ...(action.style === 'primary' ? { style: 'positive' } : {}) };
}

export function replyCard(reply: BotReply): Element {
  const text = reply.text.length > MAX_TEXT ? `${reply.text.slice(0, MAX_TEXT)}…` : reply.text;
  const body: Element[] = [textBlock(text)];
  for (const contact of reply.contacts ?? []) body.push(contactBlock(contact));
  if (reply.source) body.push(textBlock(reply.source, { isSubtle: true, size: 'Small', spacing: 'Small' }));
  const actions = [...(reply.question?.choices ?? []), ...reply.actions].map(submit);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}
