import { fold } from '../text/normalize.js';
import type { Action, BotReply } from '../messages/model.js';
import type { Texts } from '../texts/texts.js';
import type { DilemmaDeck } from './load.js';
import { DILEMMA_THEMES, type Dilemma, type DilemmaTheme } from './schema.js';

/**
 * Practising alone in chat: a card, the person's choice, feedback with the
 * rule and how colleagues chose. The tally is anonymous and shown only once
 * enough people answered, so it never points at anyone.
 */
export interface DilemmaTally {
  /** Answers per option id, over everyone, never per person. */
  counts(dilemmaId: string): Promise<Record<string, number>>;
}

export const MIN_TALLY = 5;

const THEME_WORDS: [RegExp, DilemmaTheme][] = [
  [/geschenk|cadeau|kado|kerstpakket|fles/, 'geschenken'],
  [/uitnodig|diner|etentje|evenement|reis/, 'uitnodigingen'],
  [/nevenwerk|nevenfunctie|bijbaan|neven/, 'nevenwerkzaamheden'],
  [/prive|laptop|dienstauto|spullen|voorziening/, 'privegebruik'],
  [/informatie|vertrouwelijk|gegevens|pers/, 'informatie'],
  [/belang|familie|vriend|buur/, 'belangen'],
  [/ongewenst|pesten|intimidatie|grap|omgang/, 'ongewenst_gedrag'],
];

export const NEXT = /^(volgend|volgende|nog een|nog eentje|nieuw|ander)( dilemma)?( graag| aub| alsjeblieft)?[.!]?$/;
export const STOP = /^(stop|stoppen|klaar|genoeg|ik stop|laat maar)( ermee| maar)?[.!]?$/;

export function themeOf(text: string): DilemmaTheme | null {
  const folded = fold(text);
  for (const [pattern, theme] of THEME_WORDS) if (pattern.test(folded)) return theme;
  return null;
}

/** "b", "B", "2", "optie b", "ik kies b", "B." are all option b. */
export function readChoice(text: string, dilemma: Dilemma): string | null {
  const folded = fold(text).replace(/[.!)]+$/, '');
  const match = /^(?:(?:ik kies|ik neem|keuze|optie|antwoord)\s+)?([a-d]|[1-4])$/.exec(folded);
  if (!match?.[1]) return null;
  const raw = match[1];
  const id = /\d/.test(raw) ? 'abcd'[Number(raw) - 1] : raw;
  return dilemma.opties.some((o) => o.id === id) ? (id ?? null) : null;
}

export function pickDilemma(
  deck: DilemmaDeck,
  theme: DilemmaTheme | null,
  seen: readonly string[],
  random: () => number,
): Dilemma | undefined {
  const pool = deck.ofTheme(theme);
  const candidates = pool.length > 0 ? pool : deck.ofTheme(null);
  const unseen = candidates.filter((c) => !seen.includes(c.id));
  const from = unseen.length > 0 ? unseen : candidates;
  return from[Math.floor(random() * from.length)];
}

/** A button says enough to choose by, without the whole sentence: cut at a word, with an ellipsis. */
function shorten(text: string, max = 60): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[,;:]$/, '')}…`;
}

export function optionLines(dilemma: Dilemma): string[] {
  return dilemma.opties.map((o) => `${o.id.toUpperCase()}. ${o.tekst}`);
}

/** A card to practise with: the situation, its options as buttons (each with its own words), and Stoppen. */
export function dilemmaCard(texts: Texts, dilemma: Dilemma): BotReply {
  return {
    intent: 'dilemma',
    verdict: 'geen',
    amount: null,
    text: [texts.t('dilemma.titel', { titel: dilemma.titel }), '', dilemma.situatie, '', texts.t('dilemma.vraag'), ...optionLines(dilemma)].join('\n'),
    source: texts.t('dilemma.bron', { thema: texts.t(`dilemma.thema.${dilemma.thema}`) }),
    actions: [
      ...dilemma.opties.map((o): Action => ({ id: 'dilemma_keuze', label: `${o.id.toUpperCase()}. ${o.knop ?? shorten(o.tekst)}`, value: o.id })),
      { id: 'dilemma_stoppen', label: texts.t('knop.stoppen'), value: '' },
    ],
  };
}

/** How colleagues chose, or why that is not shown yet. */
export function tallyLine(texts: Texts, dilemma: Dilemma, counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + Math.max(b, 0), 0);
  if (total < MIN_TALLY) return texts.t('dilemma.telling.te_weinig', { minimum: MIN_TALLY });
  const parts = dilemma.opties.map((o) => `${o.id.toUpperCase()} ${String(Math.round((100 * Math.max(counts[o.id] ?? 0, 0)) / total))}%`);
  return texts.t('dilemma.telling', { aantal: total, verdeling: parts.join(' · ') });
}

export function dilemmaFeedback(
  texts: Texts,
  dilemma: Dilemma,
  optionId: string,
  counts: Record<string, number>,
): BotReply {
  const option = dilemma.opties.find((o) => o.id === optionId) ?? dilemma.opties[0];
  const text = [
    texts.t('dilemma.gekozen', { letter: optionId.toUpperCase(), keuze: option?.tekst ?? '' }),
    option?.feedback ?? '',
    '',
    tallyLine(texts, dilemma, counts),
    '',
    texts.t('dilemma.gespreksvraag', { vragen: dilemma.gespreksvragen.join(' ') }),
  ].join('\n');
  return {
    intent: 'dilemma',
    verdict: 'geen',
    amount: null,
    text,
    source: dilemma.regel,
    actions: [
      { id: 'dilemma_volgende', label: texts.t('knop.volgend_dilemma'), value: '' },
      { id: 'dilemma_stoppen', label: texts.t('knop.stoppen'), value: '' },
    ],
  };
}

export function themesLine(texts: Texts): string {
  return DILEMMA_THEMES.map((t) => texts.t(`dilemma.thema.${t}`)).join(', ');
}
