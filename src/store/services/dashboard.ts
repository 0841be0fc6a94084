import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { sql } from 'kysely';
import type { Store } from '../database.js';
import { TIME_ZONE } from '../time.js';

/**
 * The raw counts behind HR's dashboard, per month: usage counts per event and topic, and the registers
 * per kind (withdrawn entries left out). Nothing here is shown as is: src/reports/dashboard.ts turns it
 * into protected tables.
 */
export interface MonthCount {
  /** "2026-03". */
  month: string;
  key: string;
  count: number;
}

/** How a registration is counted: declined, accepted and kept, accepted and passed on, a side job. */
export const REGISTRATION_KINDS = ['afgeslagen', 'gehouden', 'doorgegeven', 'nevenwerk', 'geen_nevenwerk'] as const;
export type RegistrationKind = (typeof REGISTRATION_KINDS)[number];

const localMonth = (iso: string) => format(new TZDate(new Date(iso).getTime(), TIME_ZONE), 'yyyy-MM');

export class DashboardData {
  constructor(
    private readonly store: Store,
    private readonly beforeRead: () => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Counts of one event per month and topic (or per verdict) in a year. */
  async usage(event: string, year: number, by: 'intent' | 'verdict' = 'intent'): Promise<MonthCount[]> {
    await this.beforeRead();
    const rows = await this.store.db
      .selectFrom('usage_monthly')
      .select(['month', sql<string>`${sql.ref(by)}`.as('key'), sql<number | string>`sum(count)`.as('count')])
      .where('event', '=', event)
      .where('month', '>=', `${String(year)}-01`)
      .where('month', '<=', `${String(year)}-12`)
      .groupBy(['month', by])
      .execute();
    return rows.map((r) => ({ month: r.month, key: r.key, count: Number(r.count) }));
  }

  /** Registrations per month and kind in a year, from the registers as they stand. */
  async registrations(year: number): Promise<MonthCount[]> {
    const counts = new Map<string, number>();
    const add = (month: string, key: RegistrationKind) => {
      counts.set(`${month}|${key}`, (counts.get(`${month}|${key}`) ?? 0) + 1);
    };
    const gifts = await this.store.db
      .selectFrom('gift_entries')
      .select(['date', 'accepted', 'outcome'])
      .where('status', '=', 'actief')
      .where('date', '>=', `${String(year)}-01-01`)
      .where('date', '<=', `${String(year)}-12-31`)
      .execute();
    for (const g of gifts) add(g.date.slice(0, 7), g.accepted !== 1 ? 'afgeslagen' : g.outcome === 'gehouden' ? 'gehouden' : 'doorgegeven');
    const sideJobs = await this.store.db
      .selectFrom('sidejob_entries')
      .select(['created_at', 'kind'])
      .where('status', '=', 'actief')
      .where('created_at', '>=', `${String(year - 1)}-12-31`)
      .where('created_at', '<', `${String(year + 1)}-01-02`)
      .execute();
    for (const s of sideJobs) {
      const month = localMonth(s.created_at);
      if (month.startsWith(String(year))) add(month, s.kind === 'geen' ? 'geen_nevenwerk' : 'nevenwerk');
    }
    return [...counts].map(([k, count]) => {
      const [month = '', key = ''] = k.split('|');
      return { month, key, count };
    });
  }

  /** The first month with any count or registration: before it the bot was not in use. */
  async firstMonth(): Promise<string | undefined> {
    await this.beforeRead();
    const usage = await this.store.db.selectFrom('usage_monthly').select(sql<string | null>`min(month)`.as('m')).executeTakeFirst();
    const gifts = await this.store.db.selectFrom('gift_entries').select(sql<string | null>`min(date)`.as('m')).executeTakeFirst();
    const jobs = await this.store.db.selectFrom('sidejob_entries').select(sql<string | null>`min(created_at)`.as('m')).executeTakeFirst();
    const months = [usage?.m, gifts?.m?.slice(0, 7), jobs?.m ? localMonth(jobs.m) : undefined].filter((m): m is string => typeof m === 'string');
    return months.sort()[0];
  }
}
