import { type GiftEntry, LABELS, type SideJobEntry } from '../core/registers/model.js';
import type { RegisterListing } from '../store/services/coordinator.js';
import { toCsv } from './csv.js';

/** The registers for the integrity coordinator: a readable list, or CSV/JSON to work with. */
export type ListingFormat = 'table' | 'csv' | 'json';

const STATUS: Record<GiftEntry['status'], string> = { actief: 'actief', ingetrokken: 'ingetrokken' };

const GIFT_COLUMNS: [string, (g: GiftEntry) => string | number][] = [
  ['code', (g) => g.code ?? ''],
  ['id', (g) => g.id],
  ['medewerker', (g) => g.owner],
  ['datum', (g) => g.date],
  ['richting', (g) => g.direction],
  ['omschrijving', (g) => g.description],
  ['waarde_eur', (g) => (g.valueEuros === null ? '' : g.valueEuros)],
  ['gever', (g) => g.giverOrg],
  ['relatie', (g) => g.giverRelation],
  ['aangenomen', (g) => (g.accepted ? 'ja' : 'nee')],
  ['bestemming', (g) => g.outcome],
  ['oordeel', (g) => g.verdict],
  ['status', (g) => g.status],
  ['geregistreerd', (g) => g.createdAt],
  ['bekeken', (g) => g.reviewedAt ?? ''],
  ['notitie', (g) => g.reviewNote ?? ''],
];

const SIDEJOB_COLUMNS: [string, (s: SideJobEntry) => string | number][] = [
  ['code', (s) => s.code ?? ''],
  ['id', (s) => s.id],
  ['medewerker', (s) => s.owner],
  ['soort', (s) => s.kind],
  ['organisatie', (s) => s.organisation],
  ['functie', (s) => s.role],
  ['betaald', (s) => (s.paid ? 'ja' : 'nee')],
  ['uren_per_week', (s) => s.hoursPerWeek ?? ''],
  ['start', (s) => s.startDate ?? ''],
  ['einde', (s) => s.endDate ?? ''],
  ['relatie_werkgever', (s) => s.relations.join(' ')],
  ['publiceren', (s) => (s.publish ? 'ja' : 'nee')],
  ['status', (s) => s.status],
  ['geregistreerd', (s) => s.createdAt],
  ['bekeken', (s) => s.reviewedAt ?? ''],
  ['notitie', (s) => s.reviewNote ?? ''],
];

function csvRows<T>(columns: [string, (e: T) => string | number][], entries: T[]): (string | number)[][] {
  return [columns.map(([name]) => name), ...entries.map((e) => columns.map(([, get]) => get(e)))];
}

export function formatListing(listing: RegisterListing, format: ListingFormat): string {
  if (format === 'json') return JSON.stringify(listing, null, 2);
  if (format === 'csv') {
    // One file, two tables: an empty row between them keeps both readable in a spreadsheet.
    const rows: (string | number)[][] = [];
    if (listing.gifts.length > 0) rows.push(...csvRows(GIFT_COLUMNS, listing.gifts));
    if (listing.gifts.length > 0 && listing.sideJobs.length > 0) rows.push([]);
    if (listing.sideJobs.length > 0) rows.push(...csvRows(SIDEJOB_COLUMNS, listing.sideJobs));
    return toCsv(rows);
  }
  const lines: string[] = [];
  lines.push(`Geschenken (${String(listing.gifts.length)})`);
  for (const g of listing.gifts) {
    const value = g.valueEuros === null ? 'waarde onbekend' : `€${String(g.valueEuros)}`;
    const reviewed = g.reviewedAt ? ' [bekeken]' : '';
    const withdrawn = g.status === 'ingetrokken' ? ` [${STATUS[g.status]}]` : '';
    lines.push(`  ${g.code ?? g.id}  ${g.date}  ${g.owner}  ${g.description} (${value}) van ${g.giverOrg} — ${LABELS.outcome[g.outcome]}, ${g.verdict}${reviewed}${withdrawn}`);
  }
  lines.push('', `Nevenwerkzaamheden en belangen (${String(listing.sideJobs.length)})`);
  for (const s of listing.sideJobs) {
    const reviewed = s.reviewedAt ? ' [bekeken]' : '';
    const withdrawn = s.status === 'ingetrokken' ? ` [${STATUS[s.status]}]` : '';
    lines.push(`  ${s.code ?? s.id}  ${s.owner}  ${LABELS.sideJobKind[s.kind]}: ${s.role} bij ${s.organisation}${reviewed}${withdrawn}`);
  }
  return lines.join('\n');
}
