/**
 * Turns whatever arrives from a chat platform into plain, lower-case Dutch text.
 * Chat messages carry platform markup (Slack mentions, links, HTML from Teams,
 * markdown) and sometimes garbage; none of that may reach the understanding.
 */

/** Enough for any real question; longer input is cut so a pasted document cannot slow the bot down. */
export const MAX_ANALYSED_CHARS = 2000;

const SLACK_LINK = /<(https?:[^|>]+)\|([^>]*)>/g;
const SLACK_SPECIAL = /<[@#!][^>]*>/g;
const HTML_TAG = /<\/?[a-z][^>]*>/gi;
const HTML_ENTITY = /&(nbsp|amp|lt|gt|quot|#39);/g;
// Control characters are exactly what this pattern exists to remove.
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g;
const COMBINING = /[\u0300-\u036f]/g;
// Only characters below 0x80, so NFKD would leave the text as it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range is the point
const ASCII = /^[\u0000-\u007f]*$/;
const MARKDOWN = /[*_~`>#|]+/g;
const APOSTROPHES = /['\u2018\u2019\u02bc`´]/g;
const ENTITIES: Record<string, string> = { 'nbsp': ' ', 'amp': '&', 'lt': '<', 'gt': '>', 'quot': '"', '#39': '\'' };

/** Removes transport markup and control characters, keeps the words a person typed. */
export function sanitize(input: unknown): string {
  if (typeof input !== 'string') return '';
  let text = input.slice(0, MAX_ANALYSED_CHARS * 2);
  // Most messages carry no markup at all: the patterns for it only run when there can be some.
  if (text.includes('<')) text = text.replace(SLACK_LINK, ' $2 ').replace(SLACK_SPECIAL, ' ').replace(HTML_TAG, ' ');
  if (text.includes('&')) text = text.replace(HTML_ENTITY, (_, name: string) => ENTITIES[name] ?? ' ');
  return text
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_ANALYSED_CHARS);
}

/**
 * Lower case without accents or apostrophes ("privé" → "prive", "zo'n" → "zon",
 * "zzp'er" → "zzper"), so that people who skip accents are understood alike.
 */
export function fold(text: string): string {
  // Plain ASCII has no accents to take off.
  const bare = ASCII.test(text) ? text : text.normalize('NFKD').replace(COMBINING, '');
  return bare
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(MARKDOWN, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words only: letters and digits; hyphens and punctuation split ("werk-pc" → werk, pc). */
export function words(folded: string): string[] {
  return folded.match(/[a-z0-9]+/g) ?? [];
}

/** True when a message has nothing a person could have meant as words (empty, emoji, symbols). */
export function hasWords(folded: string): boolean {
  return /[a-z]{2,}|\d/.test(folded);
}
