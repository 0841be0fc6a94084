import { fieldsOf, shownValue } from '../core/registers/fields.js';
import type { GiftEntry, RegisterName, SideJobEntry } from '../core/registers/model.js';
import type { Texts } from '../core/texts/texts.js';
import type { RegisterListing } from '../store/services/coordinator.js';
import { toCsv } from './csv.js';
import { registerTable } from './register-table.js';

/**
 * The registers for the integrity coordinator: a readable list, or CSV/JSON to work with. The columns
 * and the words for the values come from the field declarations and the text files, like everywhere else.
 */
export type ListingFormat = 'table' | 'csv' | 'json';

type Entry = GiftEntry | SideJobEntry;

/** "Niet toegestaan" rather than the stored "niet_toegestaan". */
function verdictWords(texts: Texts, verdict: string): string {
  return texts.has(`oordeel.${verdict}`) ? texts.t(`oordeel.${verdict}`) : verdict;
}

function columns(register: RegisterName, texts: Texts): [string, (e: Entry) => string | number][] {
  const fields = fieldsOf(register).map((field): [string, (e: Entry) => string | number] => [
    field.column,
    (e) => {
      const value = (e as unknown as Record<string, unknown>)[field.key];
      return typeof value === 'number' ? value : value === null || value === undefined ? '' : shownValue(texts, field, value);
    },
  ]);
  return [
    ['code', (e) => e.code ?? ''],
    ['id', (e) => e.id],
    ['medewerker', (e) => e.owner],
    ...fields,
    ...(register === 'geschenk' ? [['oordeel', (e: Entry) => verdictWords(texts, (e as GiftEntry).verdict)] as [string, (e: Entry) => string]] : []),
    ['status', (e) => e.status],
    ['geregistreerd', (e) => e.createdAt],
    ['bekeken', (e) => e.reviewedAt ?? ''],
    ['notitie', (e) => e.reviewNote ?? ''],
  ];
}

function csvRows(register: RegisterName, texts: Texts, entries: Entry[]): (string | number)[][] {
  const cols = columns(register, texts);
  return [cols.map(([name]) => name), ...entries.map((e) => cols.map(([, get]) => get(e)))];
}

export function formatListing(listing: RegisterListing, format: ListingFormat, texts: Texts): string {
  if (format === 'json') return JSON.stringify(listing, null, 2);
  if (format === 'csv') {
    // One file, two tables: an empty row between them keeps both readable in a spreadsheet.
    const rows: (string | number)[][] = [];
    if (listing.gifts.length > 0) rows.push(...csvRows('geschenk', texts, listing.gifts));
    if (listing.gifts.length > 0 && listing.sideJobs.length > 0) rows.push([]);
    if (listing.sideJobs.length > 0) rows.push(...csvRows('nevenwerk', texts, listing.sideJobs));
    return toCsv(rows);
  }
  return registerTable(listing, texts);
}
