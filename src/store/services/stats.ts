import { addDays, format, getISOWeek, getISOWeekYear, getQuarter, parseISO } from 'date-fns';
import { suppress, type UsageEvent } from '../../core/usage.js';
import type { UsageCountRepository } from '../repositories/usage-counts.js';

/**
 * The figures HR needs for the annual integrity report, from the counts only.
 * Every cell under the minimum shows as "<5" (or the configured minimum).
 */
export const STATS_BY = ['week', 'month', 'quarter', 'intent', 'verdict', 'channel'] as const;
export type StatsBy = (typeof STATS_BY)[number];

export interface StatsQuery {
  from: string;
  to: string;
  by: StatsBy;
  event?: UsageEvent;
}

export interface StatsTable {
  from: string;
  to: string;
  by: StatsBy;
  event: UsageEvent;
  rows: { key: string; count: number | string }[];
}

export interface SummaryLine {
  key: string;
  label: string;
  count: number | string;
  previous: number | string;
}

export interface YearSummary {
  year: number;
  previousYear: number;
  themes: SummaryLine[];
  totals: SummaryLine[];
}

const THEME_LABELS: Record<string, string> = {
  geschenk: 'Geschenken',
  uitnodiging: 'Uitnodigingen',
  nevenwerkzaamheden: 'Nevenwerkzaamheden en financiële belangen',
  privegebruik: 'Privégebruik van voorzieningen',
  informatie: 'Omgaan met informatie',
  belangenverstrengeling: 'Belangen van familie en vrienden',
  ongewenst_gedrag: 'Ongewenst gedrag',
  misstand_melden: 'Vermoeden van een misstand',
  vertrouwenspersoon: 'Vertrouwenspersoon',
  registreren: 'Registreren',
  dilemma: 'Dilemma\'s',
  help: 'Hulp en begroeting',
  onbekend: 'Buiten de gedragscode',
};

function periodKey(day: string, by: 'week' | 'month' | 'quarter'): string {
  const date = parseISO(day);
  if (by === 'month') return format(date, 'yyyy-MM');
  if (by === 'quarter') return `${format(date, 'yyyy')}-Q${getQuarter(date)}`;
  return `${getISOWeekYear(date)}-W${String(getISOWeek(date)).padStart(2, '0')}`;
}

/** Every period in the range, so a quiet week shows as 0 instead of disappearing. */
function periodsBetween(from: string, to: string, by: 'week' | 'month' | 'quarter'): string[] {
  const keys: string[] = [];
  for (let d = parseISO(from); format(d, 'yyyy-MM-dd') <= to; d = addDays(d, 1)) {
    const key = periodKey(format(d, 'yyyy-MM-dd'), by);
    if (keys.at(-1) !== key) keys.push(key);
  }
  return keys;
}

export class UsageStatsService {
  constructor(
    private readonly counts: UsageCountRepository,
    private readonly minimumCell: number,
    /** Writes counts still collected in memory, so a report includes them. */
    private readonly beforeRead: () => Promise<void> = () => Promise.resolve(),
  ) {}

  async table(query: StatsQuery): Promise<StatsTable> {
    await this.beforeRead();
    const event = query.event ?? 'vraag';
    const { from, to, by } = query;
    let rows: { key: string; count: number }[];
    if (by === 'week' || by === 'month' || by === 'quarter') {
      const perDay = await this.counts.totals(event, from, to, 'day');
      const totals = new Map(periodsBetween(from, to, by).map((k) => [k, 0]));
      for (const { key, count } of perDay) {
        const period = periodKey(key, by);
        totals.set(period, (totals.get(period) ?? 0) + count);
      }
      rows = [...totals].map(([key, count]) => ({ key, count }));
    } else {
      rows = (await this.counts.totals(event, from, to, by))
        .filter((r) => r.count !== 0)
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    }
    return { from, to, by, event, rows: rows.map((r) => ({ key: r.key, count: suppress(r.count, this.minimumCell) })) };
  }

  async yearSummary(year: number): Promise<YearSummary> {
    await this.beforeRead();
    const [now, before] = await Promise.all([
      this.counts.byEventIntentVerdict(`${String(year)}-01`, `${String(year)}-12`),
      this.counts.byEventIntentVerdict(`${String(year - 1)}-01`, `${String(year - 1)}-12`),
    ]);
    const sum = (rows: typeof now, keep: (r: (typeof now)[number]) => boolean) =>
      rows.filter(keep).reduce((total, r) => total + r.count, 0);
    const line = (key: string, label: string, keep: (r: (typeof now)[number]) => boolean): SummaryLine => ({
      key,
      label,
      count: suppress(sum(now, keep), this.minimumCell),
      previous: suppress(sum(before, keep), this.minimumCell),
    });
    const themes = Object.entries(THEME_LABELS)
      .map(([intent, label]) => line(intent, label, (r) => r.event === 'vraag' && r.intent === intent))
      .filter((l) => l.count !== 0 || l.previous !== 0);
    const totals = [
      line('vragen', 'Vragen beantwoord', (r) => r.event === 'vraag'),
      line('geschenken_geregistreerd', 'Geschenken geregistreerd', (r) => r.event === 'registratie' && r.intent === 'geschenk'),
      line(
        'geschenken_geweigerd',
        'waarvan geweigerd',
        (r) => r.event === 'registratie' && r.intent === 'geschenk' && r.verdict === 'geweigerd',
      ),
      line(
        'nevenwerkzaamheden_gemeld',
        'Nevenwerkzaamheden en belangen gemeld',
        (r) => r.event === 'registratie' && r.intent === 'nevenwerkzaamheden',
      ),
      line('doorverwijzingen', 'Doorverwezen naar vertrouwenspersoon of meldroute', (r) => r.event === 'doorverwijzing'),
      line('dilemmas', 'Dilemma\'s beantwoord', (r) => r.event === 'dilemma'),
      line('poll', 'Stemmen in de dilemmapoll', (r) => r.event === 'poll'),
    ];
    return { year, previousYear: year - 1, themes, totals };
  }
}
