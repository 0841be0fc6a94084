import { ANSWER_BUCKETS } from '../../core/questions/timing.js';
import type { Texts } from '../../core/texts/texts.js';
import type { AnswerTime } from '../../reports/dashboard.js';

/**
 * The back office's sentences live in rules/teksten/backoffice.json, read like every other text file
 * (an organisation's own file may reword single keys; unknown keys and placeholders are refused).
 */
export type { Texts } from '../../core/texts/texts.js';
export type TextVars = Record<string, string | number>;

/** The Dutch words of HR's statistics (CLI, /api/stats): never an internal key. */
export function statsLabels(t: Texts): import('../../reports/stats-format.js').StatsLabels {
  const word = (prefix: string, key: string) => (t.has(`${prefix}.${key}`) ? t.t(`${prefix}.${key}`) : undefined);
  return {
    key: (by, key) => {
      if (by === 'intent') return word('thema', key) ?? key;
      if (by === 'channel') return word('kanaal', key) ?? key;
      if (by === 'verdict') {
        const dilemma = /^([a-z0-9-]+):([a-z0-9]+)$/.exec(key);
        if (dilemma) return t.t('oordeel.dilemma_keuze', { dilemma: dilemma[1] ?? '', keuze: (dilemma[2] ?? '').toUpperCase() });
        if ((ANSWER_BUCKETS as readonly string[]).includes(key)) return answerBand(t, key);
        return word('oordeel', key) ?? key;
      }
      return key;
    },
    by: (by) => t.t(`per.${by}`),
    event: (event) => word('gebeurtenis', event) ?? event,
    total: t.t('tabel.totaal'),
    noData: t.t('tabel.geen_gegevens'),
    legend: (minimum) => t.t('hr.legenda', { minimum }),
    yearTitle: (year) => t.t('hr.rapport_titel', { jaar: year }),
    tableTitle: (id, year) => t.t(`hr.${id}.titel`, { jaar: year }),
    answerTime: (a, minimum) => answerTimeText(t, a, minimum),
  };
}

/** The median time to a first answer in words, or why it is not shown. */
export function answerTimeText(t: Texts, a: AnswerTime, minimum: number): string {
  if (a.kind === 'geen') return t.t('hr.mediaan_geen');
  if (a.kind === 'te_weinig') return t.t('hr.mediaan_te_weinig', { minimum });
  return t.t('hr.mediaan', { tijd: answerBand(t, a.band) });
}

/** A band of working days ("6-10") in words; the text keys cannot hold "-" or "+". */
export function answerBand(t: Texts, band: string): string {
  return t.t(`antwoordtijd.${band.replace('-', '_').replace('+', '_plus')}`);
}
