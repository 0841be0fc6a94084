import { fold } from '../text/normalize.js';
import type { Action, BotReply } from '../messages/model.js';
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

const THEME_LABELS: Record<DilemmaTheme, string> = {
  geschenken: 'geschenken',
  uitnodigingen: 'uitnodigingen',
  nevenwerkzaamheden: 'nevenwerk',
  privegebruik: 'privégebruik',
  informatie: 'informatie',
  belangen: 'belangen',
  ongewenst_gedrag: 'ongewenst gedrag',
};

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

export function optionLines(dilemma: Dilemma): string[] {
  return dilemma.opties.map((o) => `${o.id.toUpperCase()}. ${o.tekst}`);
}

export function dilemmaCard(dilemma: Dilemma): BotReply {
  return {
    intent: 'dilemma',
    verdict: 'geen',
    amount: null,
    text: [`Dilemma: ${dilemma.titel}`, '', dilemma.situatie, '', 'Wat zou jij doen?', ...optionLines(dilemma)].join('\n'),
    source: `Dilemmakaart — ${THEME_LABELS[dilemma.thema]}`,
    actions: dilemma.opties.map((o): Action => ({ id: 'keuze', label: o.id.toUpperCase(), value: o.id.toUpperCase() })),
  };
}

/** How colleagues chose, or why that is not shown yet. */
export function tallyLine(dilemma: Dilemma, counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + Math.max(b, 0), 0);
  if (total < MIN_TALLY) return `Hoe collega's kozen, zie je zodra minstens ${String(MIN_TALLY)} mensen dit dilemma hebben beantwoord.`;
  const parts = dilemma.opties.map((o) => `${o.id.toUpperCase()} ${String(Math.round((100 * Math.max(counts[o.id] ?? 0, 0)) / total))}%`);
  return `Zo kozen collega's (${String(total)} antwoorden, anoniem): ${parts.join(' · ')}`;
}

export function dilemmaFeedback(dilemma: Dilemma, optionId: string, counts: Record<string, number>): BotReply {
  const option = dilemma.opties.find((o) => o.id === optionId) ?? dilemma.opties[0];
  const text = [
    `Je koos ${optionId.toUpperCase()}: ${option?.tekst ?? ''}`,
    option?.feedback ?? '',
    '',
    tallyLine(dilemma, counts),
    '',
    `Om samen over door te praten: ${dilemma.gespreksvragen.join(' ')}`,
  ].join('\n');
  return {
    intent: 'dilemma',
    verdict: 'geen',
    amount: null,
    text,
    source: dilemma.regel,
    actions: [
      { id: 'dilemma', label: 'Volgend dilemma', value: 'Volgend dilemma' },
      { id: 'keuze', label: 'Stoppen', value: 'Stoppen' },
    ],
  };
}

export function themesLine(): string {
  return DILEMMA_THEMES.map((t) => THEME_LABELS[t]).join(', ');
}
