import { TZDate } from '@date-fns/tz';
import { differenceInBusinessDays, startOfDay, subBusinessDays } from 'date-fns';

/**
 * How long a question waited for its first answer, in working days (Monday to Friday, Amsterdam time), as
 * a band. Only the band is counted, so HR can show a median time to answer without keeping any question's
 * dates after it is gone.
 */
export const ANSWER_BUCKETS = ['0', '1', '2', '3', '4', '5', '6-10', '11+'] as const;
export type AnswerBucket = (typeof ANSWER_BUCKETS)[number];
const TIME_ZONE = 'Europe/Amsterdam';

export function workingDaysBetween(from: Date, to: Date): number {
  const day = (d: Date) => startOfDay(new TZDate(d.getTime(), TIME_ZONE));
  return Math.max(0, differenceInBusinessDays(day(to), day(from)));
}

export function answerBucket(asked: Date, answered: Date): AnswerBucket {
  const days = workingDaysBetween(asked, answered);
  if (days <= 5) return ANSWER_BUCKETS[days] ?? '5';
  return days <= 10 ? '6-10' : '11+';
}

/** The moment `days` working days before `now`: a question asked before it has waited too long. */
export function workingDaysAgo(now: Date, days: number): Date {
  return new Date(subBusinessDays(new TZDate(now.getTime(), TIME_ZONE), days).getTime());
}

/** The median band of a count per band, or null when nothing was answered. */
export function medianBucket(counts: Partial<Record<string, number>>): AnswerBucket | null {
  const total = ANSWER_BUCKETS.reduce((sum, b) => sum + (counts[b] ?? 0), 0);
  if (total === 0) return null;
  let seen = 0;
  for (const bucket of ANSWER_BUCKETS) {
    seen += counts[bucket] ?? 0;
    if (seen * 2 >= total) return bucket;
  }
  return null;
}
