import { MIN_TALLY, optionLines } from '../dilemmas/practice.js';
import type { BotReply } from '../messages/model.js';
import { localMoment } from '../texts/time.js';
import type { Texts } from '../texts/texts.js';
import type { PollCard } from './ports.js';

/**
 * The poll as the neutral message model: the card in the channel, the
 * reminder and the result in its thread. The card says exactly what is and
 * is not recorded.
 */
function voteButtons(card: Omit<PollCard, 'message'>): BotReply['actions'] {
  return card.dilemma.opties.map((o) => ({ id: 'stem', label: o.id.toUpperCase(), value: `stem:${card.poll.id}:${o.id}` }));
}

export function pollMessage(texts: Texts, card: Omit<PollCard, 'message'>): BotReply {
  const { dilemma } = card;
  const base = { intent: 'dilemma' as const, verdict: 'geen' as const, amount: null };
  const closes = localMoment(card.poll.closesAt);
  if (card.kind === 'herinnering') {
    return {
      ...base,
      text: `${texts.t('poll.herinnering', { sluit: closes, titel: dilemma.titel })} ${texts.t('poll.privacy')}`,
      actions: voteButtons(card),
    };
  }
  if (card.kind === 'uitslag') {
    const result = card.result;
    const total = result?.total ?? 0;
    const lines = total < MIN_TALLY
      ? [texts.t('poll.uitslag.te_weinig', { minimum: MIN_TALLY })]
      : dilemma.opties.map((o) => {
          const n = result?.votes[o.id] ?? 0;
          return `${o.id.toUpperCase()}. ${o.tekst} — ${String(Math.round((100 * n) / total))}% (${String(n)})`;
        });
    return {
      ...base,
      text: [
        texts.t('poll.uitslag.titel', { titel: dilemma.titel, aantal: total }),
        ...lines,
        '',
        texts.t('poll.uitslag.gedragscode'),
        ...dilemma.opties.map((o) => `${o.id.toUpperCase()}. ${o.feedback}`),
        '',
        texts.t('poll.gespreksvraag', { vragen: dilemma.gespreksvragen.join(' ') }),
      ].join('\n'),
      source: dilemma.regel,
      actions: [],
    };
  }
  return {
    ...base,
    text: [
      texts.t('poll.titel', { titel: dilemma.titel }),
      '',
      dilemma.situatie,
      '',
      texts.t('poll.vraag'),
      ...optionLines(dilemma),
      '',
      texts.t('poll.privacy'),
      texts.t('poll.sluit', { sluit: closes }),
    ].join('\n'),
    source: texts.t('poll.bron'),
    actions: voteButtons(card),
  };
}
