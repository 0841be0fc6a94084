import { MIN_TALLY, optionLines } from '../dilemmas/practice.js';
import type { BotReply } from '../messages/model.js';
import type { PollCard } from './ports.js';

/**
 * The poll as the neutral message model: the card in the channel, the
 * reminder and the result in its thread. The card says exactly what is and
 * is not recorded.
 */
export const POLL_PRIVACY
  = 'Wat er wordt vastgelegd: alleen welke keuze er is gemaakt, om te kunnen tellen. Niet wie je bent: je stem wordt met een geheime sleutel van deze poll omgezet in een code die alleen voorkomt dat je twee keer stemt (opnieuw stemmen wijzigt je keuze). Bij het sluiten worden die codes en de sleutel gewist en blijven alleen de totalen over. Tussenstanden ziet niemand, ook de WIO niet.';

function closing(card: PollCard): string {
  return new Date(card.poll.closesAt).toLocaleString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function voteButtons(card: PollCard): BotReply['actions'] {
  return card.dilemma.opties.map((o) => ({ id: 'stem', label: o.id.toUpperCase(), value: `stem:${card.poll.id}:${o.id}` }));
}

export function pollMessage(card: PollCard): BotReply {
  const { dilemma } = card;
  const base = { intent: 'dilemma' as const, verdict: 'geen' as const, amount: null };
  if (card.kind === 'herinnering') {
    return {
      ...base,
      text: `Nog tot ${closing(card)} kun je stemmen op het dilemma van de week: "${dilemma.titel}". ${POLL_PRIVACY}`,
      actions: voteButtons(card),
    };
  }
  if (card.kind === 'uitslag') {
    const result = card.result;
    const total = result?.total ?? 0;
    const lines = total < MIN_TALLY
      ? [`Er stemden minder dan ${String(MIN_TALLY)} mensen; de verdeling blijft daarom geheim.`]
      : dilemma.opties.map((o) => {
          const n = result?.votes[o.id] ?? 0;
          return `${o.id.toUpperCase()}. ${o.tekst} — ${String(Math.round((100 * n) / total))}% (${String(n)})`;
        });
    return {
      ...base,
      text: [
        `Uitslag van het dilemma van de week: "${dilemma.titel}" (${String(total)} stemmen)`,
        ...lines,
        '',
        'Wat de gedragscode ervan vindt:',
        ...dilemma.opties.map((o) => `${o.id.toUpperCase()}. ${o.feedback}`),
        '',
        `Om samen over te praten: ${dilemma.gespreksvragen.join(' ')}`,
      ].join('\n'),
      source: dilemma.regel,
      actions: [],
    };
  }
  return {
    ...base,
    text: [
      `Dilemma van de week: ${dilemma.titel}`,
      '',
      dilemma.situatie,
      '',
      'Wat zou jij doen? Stem met een knop.',
      ...optionLines(dilemma),
      '',
      POLL_PRIVACY,
      `De poll sluit ${closing(card)}; dan volgt hier de uitslag met de uitleg.`,
    ].join('\n'),
    source: 'Dilemma van de week — werkgroep integriteit en omgangsvormen (WIO)',
    actions: voteButtons(card),
  };
}
