import { type Action, type BotReply, type Contact, type ContactDetail, linkOf, shortUrl } from '../../core/messages/model.js';

/**
 * The neutral reply as Slack Block Kit. Buttons carry the text the bot
 * receives when pressed; Slack's limits are kept (section text 3,000, button
 * text 75, value 2,000, 25 elements per actions block).
 */
export const SECTION_LIMIT = 3000;
const BUTTON_TEXT_LIMIT = 75;
const BUTTON_VALUE_LIMIT = 2000;
const BUTTONS_PER_BLOCK = 25;

type Block = Record<string, unknown>;

/** Slack's mrkdwn treats &, < and > as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function sections(text: string): Block[] {
  const escaped = escapeMrkdwn(text);
  const parts: string[] = [];
  for (let at = 0; at < escaped.length; at += SECTION_LIMIT) parts.push(escaped.slice(at, at + SECTION_LIMIT));
  return parts.map((part) => ({ type: 'section', text: { type: 'mrkdwn', text: part } }));
}

/** Said with their label: the sentence alone would not say it is about what happens next. */
const LABELLED: ReadonlySet<ContactDetail['kind']> = new Set(['vervolg', 'bescherming', 'intranet']);

/** A phone number, address or page as a Slack link (`<tel:…|030 700 1234>`), so one tap calls or opens it. */
function detailLine(detail: ContactDetail): string {
  const link = linkOf(detail);
  const shown = detail.kind === 'website' || detail.kind === 'intranet' ? shortUrl(detail.value) : detail.value;
  const value = link ? `<${escapeMrkdwn(link)}|${escapeMrkdwn(shown)}>` : escapeMrkdwn(detail.value);
  return LABELLED.has(detail.kind) ? `_${escapeMrkdwn(detail.label)}:_ ${value}` : value;
}

function contactSection(contact: Contact): Block {
  const lines = contact.details.map(detailLine);
  return { type: 'section', text: { type: 'mrkdwn', text: [`*${escapeMrkdwn(contact.name)}*`, ...lines].join('\n') } };
}

function button(action: Action, index: number): Block {
  return {
    type: 'button',
    action_id: `gedragsbot_${action.id}_${String(index)}`,
    text: { type: 'plain_text', text: action.label.slice(0, BUTTON_TEXT_LIMIT), emoji: true },
    value: action.value.slice(0, BUTTON_VALUE_LIMIT),
    ...(action.style === 'primary' ? { style: 'primary' } : {}),
  };
}

export function replyBlocks(reply: BotReply): Block[] {
  const blocks: Block[] = sections(reply.text);
  for (const contact of reply.contacts ?? []) blocks.push(contactSection(contact));
  if (reply.source) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(reply.source) }] });
  const buttons = [...(reply.question?.choices ?? []), ...reply.actions].map(button);
  for (let at = 0; at < buttons.length; at += BUTTONS_PER_BLOCK) {
    blocks.push({ type: 'actions', elements: buttons.slice(at, at + BUTTONS_PER_BLOCK) });
  }
  return blocks;
}

/** The plain text Slack shows in notifications and to screen readers. */
export function replyFallbackText(reply: BotReply): string {
  return escapeMrkdwn(reply.text.slice(0, 3000));
}
