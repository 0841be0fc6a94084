import type { DilemmaDeck } from '../core/dilemmas/load.js';

/** `gedragsbot dilemmas check`: how many cards there are per theme, once all of them passed the checks. */
export function describeDeck(deck: DilemmaDeck): string {
  const themes = new Map<string, number>();
  for (const card of deck.cards) themes.set(card.thema, (themes.get(card.thema) ?? 0) + 1);
  return [
    `${String(deck.cards.length)} dilemmakaarten, alle in orde.`,
    ...[...themes].map(([theme, n]) => `  ${theme}: ${String(n)}`),
  ].join('\n');
}
