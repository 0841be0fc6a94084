import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

export const TIME_ZONE = 'Europe/Amsterdam';

/** The hour a count belongs to, in Dutch local time: "2026-11-22 14". */
export function hourBucket(at: Date): string {
  return format(new TZDate(at.getTime(), TIME_ZONE), 'yyyy-MM-dd HH');
}
