import type { Action, BotReply } from '../messages/model.js';
import type { QuestionView } from '../questions/model.js';
import { calendarDay } from '../texts/time.js';
import type { Texts } from '../texts/texts.js';
import type { Outgoing } from './model.js';

/**
 * The words of what the bot sends on its own. The outbox holds only kinds and codes; the text is made when
 * it goes out, from the question as it stands then, so an organisation's own wording applies at once.
 */
function reply(intent: BotReply['intent'], text: string, actions: Action[] = []): BotReply {
  return { intent, verdict: 'geen', amount: null, text, actions };
}

const quoted = (body: string) => `> ${body.replace(/\n/g, '\n> ')}`;

function last(question: QuestionView, author: 'medewerker' | 'coordinator'): string {
  return [...question.messages].reverse().find((m) => m.author === author)?.body ?? '';
}

export function outgoingReply(texts: Texts, outgoing: Outgoing, question: QuestionView | null): BotReply | null {
  const { kind, payload } = outgoing;
  const button = (id: Action['id'], label: string, value = '', style?: Action['style']): Action => ({ id, label: texts.t(label), value, ...(style ? { style } : {}) });
  switch (kind) {
    case 'vraag_nieuw':
    case 'vraag_vervolg':
    case 'vraag_herinnering': {
      // A question closed before this went out needs no message any more.
      if (!question || question.status === 'gesloten') return null;
      const opening = texts.t(`uitgaand.${kind}`, { code: question.code, dag: calendarDay(question.createdAt.slice(0, 10)) });
      return reply('vraag_voorleggen', `${opening}\n\n${quoted(last(question, 'medewerker'))}`, [
        button('vraag_beantwoorden', 'knop.beantwoorden', question.code, 'primary'),
        button('vraag_sluiten', 'knop.vraag_sluiten', question.code),
      ]);
    }
    case 'vraag_antwoord': {
      if (!question || question.status === 'gesloten') return null;
      // A question back is introduced as one, so the asker knows the coordinator waits for them.
      const opening = payload.soort === 'terugvraag' ? 'uitgaand.vraag_terugvraag' : 'uitgaand.vraag_antwoord';
      const text = `${texts.t(opening, { code: question.code })}\n\n${quoted(last(question, 'coordinator'))}\n\n${texts.t('uitgaand.vraag_antwoord_verder')}`;
      return reply('vraag_voorleggen', text, [
        button('vraag_reageren', 'knop.reageren', question.code, 'primary'),
        button('vraag_sluiten', 'knop.vraag_sluiten', question.code),
      ]);
    }
    case 'vraag_gesloten':
      return reply('vraag_voorleggen', texts.t('uitgaand.vraag_gesloten', { code: payload.code ?? '' }));
    case 'nevenwerk_jaarcheck':
    case 'nevenwerk_jaarcheck_herinnering':
      return reply('nevenwerkzaamheden', texts.t(`uitgaand.${kind}`, { jaar: payload.jaar ?? '' }), [
        button('nevenwerk_bevestigen', 'knop.nevenwerk_kloppen', payload.jaar ?? '', 'primary'),
        button('mijn_registraties', 'knop.mijn_registraties'),
      ]);
    case 'beoordeling':
      return reply('registreren', texts.t('uitgaand.beoordeling', { registratie: payload.registratie ?? '' }), [
        button('mijn_registraties', 'knop.mijn_registraties'),
      ]);
  }
}
