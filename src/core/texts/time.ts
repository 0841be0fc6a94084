import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { nl } from 'date-fns/locale';

/**
 * Dates and times as people in the Netherlands read them: "24 november 2026", "dinsdag 24 november om
 * 10:00", always in Dutch time, whatever the server's clock says.
 */
const ZONE = 'Europe/Amsterdam';

export function localDay(at: Date | string): string {
  return format(new TZDate(new Date(at).getTime(), ZONE), 'd MMMM yyyy', { locale: nl });
}

export function localMoment(at: Date | string): string {
  return format(new TZDate(new Date(at).getTime(), ZONE), 'EEEE d MMMM \'om\' HH:mm', { locale: nl });
}

/** "2026-11-24" (a calendar day, no time zone) as "24 november 2026". */
export function calendarDay(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return format(new Date(year, month - 1, date), 'd MMMM yyyy', { locale: nl });
}
