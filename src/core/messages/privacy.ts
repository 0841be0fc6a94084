import type { Texts } from '../texts/texts.js';
import type { Action, BotReply } from './model.js';

/**
 * "Wat bewaren we?": whether people dare to ask depends on knowing this, so the card says it plainly and with
 * the installation's own numbers (how long the topic is remembered, how long registrations are kept).
 */
export interface PrivacyFacts {
  /** How long a conversation remembers its topic (GEDRAGSBOT_STATE_TTL_MINUTES). */
  memoryMinutes: number;
  /** How long a registration is kept (GEDRAGSBOT_RETENTION_MONTHS). */
  retentionMonths: number;
  /** How long the web chat's cookie lives; only said in the web chat, the only channel that sets one. */
  cookieDays: number;
  /** Days a closed question to the coordinator is kept; unset when questions go by e-mail instead. */
  questionDays?: number | undefined;
}

export const DEFAULT_PRIVACY: PrivacyFacts = { memoryMinutes: 30, retentionMonths: 60, cookieDays: 30 };

/** "5 jaar" when the months make whole years, else "18 maanden". */
function period(texts: Texts, months: number): string {
  return months % 12 === 0
    ? texts.t('privacy.termijn.jaren', { aantal: months / 12 })
    : texts.t('privacy.termijn.maanden', { aantal: months });
}

export function privacyReply(texts: Texts, facts: PrivacyFacts, web: boolean): BotReply {
  const paragraphs = [
    texts.t('privacy.intro'),
    texts.t('privacy.niet'),
    texts.t('privacy.tellingen'),
    texts.t('privacy.geheugen', { aantal: facts.memoryMinutes }),
    texts.t('privacy.registraties', { termijn: period(texts, facts.retentionMonths) }),
    ...(facts.questionDays ? [texts.t('privacy.vragen', { aantal: facts.questionDays })] : []),
    ...(web ? [texts.t('privacy.cookie', { aantal: facts.cookieDays })] : []),
    texts.t('privacy.bereikbaar'),
    texts.t('privacy.zelf'),
  ];
  const action = (id: Action['id'], key: string): Action => ({ id, label: texts.t(key), value: '' });
  return {
    intent: 'help',
    verdict: 'geen',
    amount: null,
    text: paragraphs.join('\n\n'),
    actions: [
      action('mijn_registraties', 'knop.mijn_registraties'),
      action('mijn_export', 'knop.exporteer'),
      action('nog_een_vraag', 'knop.nog_een_vraag'),
    ],
  };
}
