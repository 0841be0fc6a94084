import { TZDate } from '@date-fns/tz';
import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { z } from 'zod';
import { USAGE_EVENTS } from '../core/usage.js';
import { buildDashboard } from '../reports/dashboard.js';
import { formatTable, formatYear } from '../reports/stats-format.js';
import { dashboardLabels, type RouteName } from '../server/backoffice/hr-page.js';
import type { Texts } from '../core/texts/texts.js';
import { statsLabels } from '../server/backoffice/texts.js';
import { DashboardData } from '../store/services/dashboard.js';
import type { StoreServices } from '../store/index.js';
import { STATS_BY } from '../store/services/stats.js';
import { TIME_ZONE } from '../store/time.js';
import { dayOption, parseOptions } from './options.js';

/** Counts exist from the first install on; no report needs more than ten years at once. */
const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2100-12-31';
const MAX_SPAN_DAYS = 3660;

const day = dayOption.refine((v) => v >= FIRST_DAY && v <= LAST_DAY, { message: 'een datum tussen 2000 en 2100' });

const spanDays = (from: string, to: string) => differenceInCalendarDays(parseISO(to), parseISO(from));

const options = z
  .object({
    from: day.optional(),
    to: day.optional(),
    by: z.enum(STATS_BY, { error: `een van: ${STATS_BY.join(', ')}` }).default('intent'),
    format: z.enum(['table', 'csv', 'json'], { error: 'table, csv of json' }).default('table'),
    event: z.enum(USAGE_EVENTS, { error: `een van: ${USAGE_EVENTS.join(', ')}` }).default('vraag'),
    year: z.coerce.number({ error: 'een jaartal, bijv. 2026' }).int().min(2000).max(2100).optional(),
  })
  .refine((o) => !o.from || !o.to || o.from <= o.to, { message: '--from ligt na --to', path: ['from'] })
  .refine((o) => !o.from || spanDays(o.from, o.to ?? today()) <= MAX_SPAN_DAYS, {
    message: 'hoogstens tien jaar tegelijk; kies een latere --from of een eerdere --to',
    path: ['from'],
  });

export type StatsOptions = z.input<typeof options>;

function today(): string {
  return format(new TZDate(Date.now(), TIME_ZONE), 'yyyy-MM-dd');
}

/**
 * `gedragsbot stats`: a table by period or dimension, or `--year` for the annual report (the same
 * protected tables as HR's dashboard). Labels are Dutch, from the rule base's texts.
 */
export async function stats(
  services: StoreServices,
  raw: StatsOptions,
  texts: Texts,
  routes: readonly RouteName[] = [],
): Promise<string> {
  const o = parseOptions(options, raw, 'stats');
  const labels = statsLabels(texts);
  const minimum = services.stats.minimum;
  if (o.year !== undefined) {
    const data = new DashboardData(services.store, () => services.flushUsage());
    const month = format(new TZDate(Date.now(), TIME_ZONE), 'yyyy-MM');
    const dashboard = await buildDashboard(data, o.year, month, dashboardLabels(texts, routes), minimum);
    return formatYear(dashboard, o.format, labels, minimum);
  }
  const to = o.to ?? today();
  const from = o.from ?? `${to.slice(0, 4)}-01-01`;
  return formatTable(await services.stats.table({ from, to, by: o.by, event: o.event }), o.format, labels, minimum);
}
