import { TZDate } from '@date-fns/tz';
import { addDays, format, isValid, parse, subDays, subWeeks } from 'date-fns';

/**
 * Reads a date as people type it in Dutch: "vandaag", "gisteren",
 * "vorige week vrijdag", "afgelopen maandag", "3 november", "3-11-2026",
 * "2026-11-03". Days are counted in Europe/Amsterdam. Returns an ISO day or why
 * it is not a date ("31 februari bestaat niet"), as a text key.
 */
export type DateResult
  = | { ok: true; day: string }
    | { ok: false; problem: { key: string; values?: Record<string, string | number> } };

const TIME_ZONE = 'Europe/Amsterdam';
const WEEKDAYS = ['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag'];
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];
const MONTH_SHORT: Record<string, number> = {
  jan: 1, feb: 2, mrt: 3, maa: 3, apr: 4, mei: 5, jun: 6, jul: 7, aug: 8, sep: 9, okt: 10, nov: 11, dec: 12,
};

/** Today in Amsterdam as a plain calendar date (no time zone arithmetic after this). */
export function localToday(now: Date): Date {
  const local = new TZDate(now.getTime(), TIME_ZONE);
  return new Date(local.getFullYear(), local.getMonth(), local.getDate());
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

function fromParts(day: number, month: number, year: number): DateResult {
  const candidate = new Date(year, month - 1, day);
  if (!isValid(candidate) || candidate.getDate() !== day || candidate.getMonth() !== month - 1) {
    const monthName = MONTHS[month - 1];
    return monthName
      ? { ok: false, problem: { key: 'registers.datum.bestaat_niet', values: { dag: day, maand: monthName } } }
      : { ok: false, problem: { key: 'registers.datum.maand_bestaat_niet', values: { maand: month } } };
  }
  return { ok: true, day: iso(candidate) };
}

function monthNumber(word: string): number | null {
  const full = MONTHS.indexOf(word);
  if (full >= 0) return full + 1;
  return MONTH_SHORT[word.slice(0, 3)] ?? null;
}

/** The most recent given weekday before today, or in the week before this one ("vorige week vrijdag"). */
function weekday(today: Date, name: string, lastWeek: boolean): Date {
  const target = WEEKDAYS.indexOf(name);
  if (lastWeek) {
    // Monday-based weeks, as in the Netherlands.
    const mondayThisWeek = subDays(today, (today.getDay() + 6) % 7);
    const mondayLastWeek = subWeeks(mondayThisWeek, 1);
    return addDays(mondayLastWeek, (target + 6) % 7);
  }
  const back = (today.getDay() - target + 7) % 7 || 7;
  return subDays(today, back);
}

export function parseDutchDate(input: string, now: Date = new Date()): DateResult {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[.,]$/, '');
  const today = localToday(now);
  if (text === '') return { ok: false, problem: { key: 'registers.datum.onleesbaar' } };
  if (/^(vandaag|nu|zojuist|net)$/.test(text)) return { ok: true, day: iso(today) };
  if (text === 'gisteren') return { ok: true, day: iso(subDays(today, 1)) };
  if (text === 'eergisteren') return { ok: true, day: iso(subDays(today, 2)) };
  if (text === 'morgen') return { ok: true, day: iso(addDays(today, 1)) };
  if (text === 'vorige week') return { ok: true, day: iso(subWeeks(today, 1)) };
  const relative = /^(vorige week|afgelopen|vorige|deze week|op)? ?(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)( van vorige week| vorige week)?$/.exec(text);
  if (relative) {
    const lastWeek = relative[1] === 'vorige week' || relative[1] === 'vorige' || relative[3] !== undefined;
    return { ok: true, day: iso(weekday(today, relative[2] ?? '', lastWeek)) };
  }
  const daysAgo = /^(\d{1,3}|een|twee|drie|vier|vijf|zes|zeven) dag(en)? geleden$/.exec(text);
  if (daysAgo) {
    const words = ['een', 'twee', 'drie', 'vier', 'vijf', 'zes', 'zeven'];
    const n = /^\d/.test(daysAgo[1] ?? '') ? Number(daysAgo[1]) : words.indexOf(daysAgo[1] ?? '') + 1;
    return { ok: true, day: iso(subDays(today, n)) };
  }
  const isoDay = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (isoDay) return fromParts(Number(isoDay[3]), Number(isoDay[2]), Number(isoDay[1]));
  const numeric = /^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$/.exec(text);
  if (numeric) {
    const year = numeric[3] ? Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]) : today.getFullYear();
    return fromParts(Number(numeric[1]), Number(numeric[2]), year);
  }
  const written = /^(?:op )?(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(text);
  if (written) {
    const month = monthNumber(written[2] ?? '');
    if (month === null) return { ok: false, problem: { key: 'registers.datum.geen_maand', values: { woord: written[2] ?? '' } } };
    const year = written[3] ? Number(written[3]) : today.getFullYear();
    const result = fromParts(Number(written[1]), month, year);
    // "3 december" said in January means the December that just passed.
    if (result.ok && !written[3] && result.day > iso(today)) return fromParts(Number(written[1]), month, year - 1);
    return result;
  }
  const parsed = parse(text, 'd MMMM yyyy', today);
  if (isValid(parsed)) return { ok: true, day: iso(parsed) };
  return { ok: false, problem: { key: 'registers.datum.onleesbaar' } };
}
