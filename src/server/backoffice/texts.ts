import type { Texts } from '../../core/texts/texts.js';

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
  };
}
