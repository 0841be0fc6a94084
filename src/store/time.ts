import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const TIME_ZONE = 'Europe/Amsterdam';

const HOUR_MS = 60 * 60 * 1000;
/** All counts of one UTC hour fall in one local hour (clocks change on the hour): one lookup serves them. */
let lastHour = Number.NaN;
let lastBucket = '';

/** The hour a count belongs to, in Dutch local time: "2026-11-22 14". */
export function hourBucket(at: Date): string {
  const hour = Math.floor(at.getTime() / HOUR_MS);
  if (hour !== lastHour) {
    lastBucket = format(new TZDate(hour * HOUR_MS, TIME_ZONE), 'yyyy-MM-dd HH');
    lastHour = hour;
  }
  return lastBucket;
}
