import { TZDate } from '@date-fns/tz';
import { format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale';
import { TIME_ZONE } from '../../store/time.js';

/** Dates and amounts as people read them: "24 november 2026", "24 november 2026 14:05", "€ 70,00". */
export function day(iso: string | null): string {
  return iso ? format(parseISO(iso.slice(0, 10)), 'd MMMM yyyy', { locale: nl }) : '';
}

export function moment(iso: string): string {
  return format(new TZDate(new Date(iso).getTime(), TIME_ZONE), 'd MMMM yyyy HH:mm', { locale: nl });
}

export function euro(value: number | null): string {
  return value === null ? '' : new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(value);
}

export function count(value: number): string {
  return new Intl.NumberFormat('nl-NL').format(value);
}
