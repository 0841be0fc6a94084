import { TZDate } from '@date-fns/tz';
import { addDays, format, getISOWeek, getISOWeekYear, getQuarter, parseISO } from 'date-fns';
import { TIME_ZONE } from '../time.js';
import { suppress, type UsageEvent } from '../../core/usage.js';
import { protectedGrid } from '../../reports/grid.js';
import { shownJson } from '../../reports/suppression.js';
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
  /** A number, "<5", "x" (hidden so a small number cannot be worked out), or null: no data for that period. */
  rows: { key: string; count: number | string | null }[];
  /** The total over all rows; it is published, so the rows are protected against it. */
  total: number | string;
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

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = parseISO(from); format(d, 'yyyy-MM-dd') <= to; d = addDays(d, 1)) days.push(format(d, 'yyyy-MM-dd'));
  return days;
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
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Cells from 1 to this minus one show as "<5". */
  get minimum(): number {
    return this.minimumCell;
  }

  /**
   * One table for HR's CLI and /api/stats, with its total. Secondary suppression protects every "<5"
   * against that total, which the other views of the same range (by month, by channel …) also reveal.
   * A period before the first count, or after today, has no data (null), not zero.
   */
  async table(query: StatsQuery): Promise<StatsTable> {
    await this.beforeRead();
    const event = query.event ?? 'vraag';
    const { from, to, by } = query;
    if (by === 'week' || by === 'month' || by === 'quarter') {
      const perDay = await this.counts.totals(event, from, to, 'day');
      const first = await this.counts.firstDay();
      const today = this.today();
      const totals = new Map(periodsBetween(from, to, by).map((k) => [k, 0]));
      const hasData = new Map(periodsBetween(from, to, by).map((k) => [k, false]));
      for (const d of daysBetween(from, to)) {
        if (first !== undefined && d >= first && d <= today) hasData.set(periodKey(d, by), true);
      }
      for (const { key, count } of perDay) {
        const period = periodKey(key, by);
        totals.set(period, (totals.get(period) ?? 0) + count);
      }
      const columns = [...totals.keys()].map((key) => ({ key, label: key, hasData: hasData.get(key) ?? false }));
      const grid = await protectedGrid({ rows: [{ key: 'n', label: '' }], columns, value: (_r, c) => totals.get(c) ?? 0 }, this.minimumCell);
      const cells = grid.rows[0]?.cells ?? [];
      return {
        from, to, by, event,
        rows: columns.map((c, i) => ({ key: c.key, count: cells[i] ? shownJson(cells[i], this.minimumCell) : null })),
        total: shownJson(grid.total, this.minimumCell) ?? 0,
      };
    }
    const rows = (await this.counts.totals(event, from, to, by))
      .filter((r) => r.count !== 0)
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const byKey = new Map(rows.map((r) => [r.key, r.count]));
    const grid = await protectedGrid({
      rows: rows.map((r) => ({ key: r.key, label: r.key })),
      columns: [{ key: 'n', label: '', hasData: true }],
      value: (r) => byKey.get(r) ?? 0,
    }, this.minimumCell);
    return {
      from, to, by, event,
      rows: grid.rows.map((r) => ({ key: r.key, count: shownJson(r.total, this.minimumCell) })),
      total: rows.length === 0 ? 0 : (shownJson(grid.total, this.minimumCell) ?? 0),
    };
  }

  private today(): string {
    return format(new TZDate(this.now().getTime(), TIME_ZONE), 'yyyy-MM-dd');
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
