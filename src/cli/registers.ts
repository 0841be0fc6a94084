import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { z } from 'zod';
import { GedragsbotError } from '../core/errors.js';
import { calendarDay } from '../core/texts/time.js';
import type { Texts } from '../core/texts/texts.js';
import { formatListing } from '../reports/register-format.js';
import type { StoreServices } from '../store/index.js';
import { SYSTEM_ACTOR } from '../store/services/coordinator.js';
import { TIME_ZONE } from '../store/time.js';
import { count, dayOption, parseOptions } from './options.js';

/**
 * Commands for the integrity coordinator and IT on the server: list and export
 * the registers, mark an entry reviewed, the yearly side-job check, retention.
 * They run as the server's operator; in chat the coordinator role comes from
 * GEDRAGSBOT_COORDINATORS.
 */
const day = dayOption;
const parse = parseOptions;

const listOptions = z.object({
  register: z.enum(['geschenk', 'nevenwerk', 'alle'], { error: 'geschenk, nevenwerk of alle' }).default('alle'),
  from: day.optional(),
  to: day.optional(),
  status: z.enum(['actief', 'ingetrokken'], { error: 'actief of ingetrokken' }).optional(),
  unreviewed: z.boolean().optional(),
  format: z.enum(['table', 'csv', 'json'], { error: 'table, csv of json' }).default('table'),
});

export async function registerCommand(
  services: StoreServices,
  sub: string | undefined,
  args: string[],
  raw: Record<string, unknown>,
  texts: Texts,
): Promise<string> {
  if (sub === 'list' || sub === 'export') {
    const o = parse(listOptions, { ...raw, format: raw.format ?? (sub === 'export' ? 'csv' : 'table') }, `register ${sub}`);
    const listing = await services.coordinator.list(SYSTEM_ACTOR, o.register, {
      ...(o.from ? { from: o.from } : {}),
      ...(o.to ? { to: o.to } : {}),
      ...(o.status ? { status: o.status } : {}),
      ...(o.unreviewed ? { reviewed: false } : {}),
    });
    return formatListing(listing, o.format, texts);
  }
  if (sub === 'review') {
    const o = parse(
      z.object({
        id: z.string({ error: 'geef de code (G-7K3Q) of het id van de registratie' }).min(5, 'geef de code (G-7K3Q) of het id van de registratie'),
        register: z.enum(['geschenk', 'nevenwerk'], { error: 'geschenk of nevenwerk' }).optional(),
        note: z.string({ error: 'geef een notitie met --note "…"' }).min(1).max(1000),
      }),
      { ...raw, id: args[0] },
      'register review',
    );
    // A short code or the start of an id names one entry in either register.
    const found = await services.workspace(0).resolve(o.id);
    if (!found || (o.register && found.register !== o.register)) {
      throw new GedragsbotError('NOT_FOUND', `Geen registratie ${o.id}${o.register ? ` in het register ${o.register}` : ''}; gebruik de code uit "gedragsbot register list".`);
    }
    await services.coordinator.review(SYSTEM_ACTOR, found.register, found.id, o.note);
    const code = /^([GN])\s*-?\s*([0-9A-Z]{4})$/i.exec(o.id.trim());
    const named = code ? `${code[1] ?? ''}-${code[2] ?? ''}`.toUpperCase() : o.id;
    return `Registratie ${named} is als bekeken gemarkeerd; de medewerker krijgt je notitie te zien.`;
  }
  throw new GedragsbotError('INPUT_INVALID', 'Gebruik: gedragsbot register list|export|review …');
}

export async function yearlyCheck(services: StoreServices, raw: Record<string, unknown>): Promise<string> {
  const thisYear = Number(format(new TZDate(Date.now(), TIME_ZONE), 'yyyy'));
  const o = parse(
    z.object({
      year: z.coerce.number({ error: 'een jaartal' }).int().min(2000).max(2100).default(thisYear),
      format: z.enum(['table', 'json'], { error: 'table of json' }).default('table'),
    }),
    raw,
    'nevenwerk jaarcheck',
  );
  const due = await services.coordinator.yearlyCheckDue(SYSTEM_ACTOR, o.year);
  if (o.format === 'json') return JSON.stringify({ year: o.year, due });
  if (due.length === 0) return `Iedereen heeft zijn nevenwerkzaamheden voor ${String(o.year)} bevestigd.`;
  return [`Nog te bevestigen voor ${String(o.year)} (${String(due.length)}):`, ...due.map((d) => `  ${d}`)].join('\n');
}

export async function retention(
  services: StoreServices,
  raw: Record<string, unknown>,
  defaultMonths: number,
): Promise<string> {
  const o = parse(
    z.object({
      months: z.coerce.number({ error: 'een aantal maanden' }).int().min(1).max(1200).default(defaultMonths),
      dryRun: z.boolean().default(false),
    }),
    raw,
    'retention run',
  );
  const result = await services.coordinator.retention(SYSTEM_ACTOR, o.months, o.dryRun);
  const term = `Bewaartermijn ${count(o.months, 'maand', 'maanden')}: alles van vóór ${calendarDay(result.cutoff)}.`;
  const parts = [
    ...(result.gifts > 0 ? [count(result.gifts, 'geschenk', 'geschenken')] : []),
    ...(result.sideJobs > 0 ? [count(result.sideJobs, 'nevenwerkzaamheid', 'nevenwerkzaamheden')] : []),
  ];
  const what = parts.join(' en ');
  const one = result.gifts + result.sideJobs === 1;
  const done = parts.length === 0
    ? (o.dryRun ? 'Er is niets zo oud, dus er zou niets worden verwijderd.' : 'Er was niets zo oud; er is niets verwijderd.')
    : o.dryRun
      ? `Er ${one ? 'zou' : 'zouden'} ${what} worden verwijderd (proefrun: er is nog niets verwijderd).`
      : `Er ${one ? 'is' : 'zijn'} ${what} verwijderd.`;
  return `${term} ${done} De tellingen blijven staan.`;
}
