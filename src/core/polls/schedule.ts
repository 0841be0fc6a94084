import { TZDate } from '@date-fns/tz';

/**
 * Weekly slots in Europe/Amsterdam. A slot is a local weekday and time, so it
 * stays at 10:00 on the clock across daylight-saving changes (09:00 or 08:00
 * UTC). A local time that does not exist on the change night (02:30 in March)
 * moves forward by the hour, as clocks do.
 */
const ZONE = 'Europe/Amsterdam';

export interface Slot {
  /** "2026-11-24T10:00", the local slot as planned. */
  local: string;
  at: Date;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function localIso(at: Date): string {
  const d = new TZDate(at.getTime(), ZONE);
  return `${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The latest slot of a weekly plan at or before `now`. */
export function latestSlot(weekday: number, time: string, now: Date): Slot {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const today = new TZDate(now.getTime(), ZONE);
  for (let back = 0; back <= 7; back++) {
    const day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() - back, hours, minutes, 0, ZONE);
    const isoWeekday = ((day.getDay() + 6) % 7) + 1;
    if (isoWeekday !== weekday || day.getTime() > now.getTime()) continue;
    const local = `${String(day.getFullYear())}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T${time}`;
    return { local, at: new Date(day.getTime()) };
  }
  throw new Error('geen tijdslot in de afgelopen week');
}
