import { fieldsOf, labelOf, shownValue } from '../core/registers/fields.js';
import type { ChangeRecord, GiftEntry, OwnData, RegisterName, SideJobEntry } from '../core/registers/model.js';
import { localDay } from '../core/texts/time.js';
import type { Texts } from '../core/texts/texts.js';
import { type CsvCell, toCsv } from './csv.js';

/**
 * An employee's own export ("Mijn gegevens downloaden") as a person opens it: Dutch column names from the
 * register field declarations and the text files, values as "mijn registraties" shows them, withdrawn entries
 * marked, the short code instead of an id. CSV for a spreadsheet (one table per part, under its own title)
 * and JSON with the same names. The owner key is left out: it is a hash that means nothing to the person.
 */
export type OwnExportFormat = 'csv' | 'json';

interface Table {
  title: string;
  header: string[];
  rows: CsvCell[][];
}

type Entry = GiftEntry | SideJobEntry;

function cell(texts: Texts, register: RegisterName, key: string, value: unknown): CsvCell {
  const field = fieldsOf(register).find((f) => f.key === key);
  if (typeof value === 'number') return value;
  if (!field) return typeof value === 'string' ? value : '';
  return shownValue(texts, field, value);
}

function entryTable(texts: Texts, register: RegisterName, entries: Entry[]): Table {
  const fields = fieldsOf(register);
  const verdict = (e: Entry): CsvCell => {
    const code = (e as GiftEntry).verdict;
    return texts.has(`oordeel.${code}`) ? texts.t(`oordeel.${code}`) : code;
  };
  const header = [
    texts.t('export.code'),
    texts.t('export.status'),
    ...fields.map((f) => labelOf(texts, f)),
    ...(register === 'geschenk' ? [texts.t('export.oordeel')] : []),
    texts.t('export.geregistreerd'),
    texts.t('export.gewijzigd'),
    texts.t('export.bekeken'),
    texts.t('export.notitie'),
  ];
  const rows = entries.map((e) => [
    e.code ?? '',
    texts.t(`export.status.${e.status}`),
    ...fields.map((f) => cell(texts, register, f.key, (e as unknown as Record<string, unknown>)[f.key])),
    ...(register === 'geschenk' ? [verdict(e)] : []),
    localDay(e.createdAt),
    localDay(e.updatedAt),
    e.reviewedAt ? localDay(e.reviewedAt) : '',
    e.reviewNote ?? '',
  ]);
  const title = texts.t(register === 'geschenk' ? 'export.sectie.geschenken' : 'export.sectie.nevenwerk');
  return { title, header, rows };
}

function historyTable(texts: Texts, data: OwnData): Table {
  const codes = new Map([...data.gifts, ...data.sideJobs].map((e) => [e.id, e.code ?? '']));
  const fieldNames = (c: ChangeRecord) =>
    Object.keys(c.fields)
      .map((key) => fieldsOf(c.register).find((f) => f.key === key))
      .flatMap((f) => (f ? [labelOf(texts, f)] : []))
      .join(', ');
  return {
    title: texts.t('export.sectie.geschiedenis'),
    header: [texts.t('export.code'), texts.t('export.wanneer'), texts.t('export.actie'), texts.t('export.door'), texts.t('export.velden')],
    rows: data.changes.map((c) => [
      codes.get(c.entryId) ?? '',
      localDay(c.changedAt),
      texts.t(`export.actie.${c.action}`),
      texts.t(`export.door.${c.actor}`),
      fieldNames(c),
    ]),
  };
}

function tables(texts: Texts, data: OwnData): Table[] {
  const notices: Table = {
    title: texts.t('export.sectie.berichten'),
    header: [texts.t('export.wanneer'), texts.t('export.bericht')],
    rows: data.notices.map((n) => [localDay(n.createdAt), n.message]),
  };
  const confirmations: Table = {
    title: texts.t('export.sectie.bevestigingen'),
    header: [texts.t('export.jaar'), texts.t('export.wanneer')],
    rows: data.confirmations.map((c) => [c.year, localDay(c.confirmedAt)]),
  };
  // Both registers always, so even an empty export shows what it would hold; the rest only when there is some.
  return [
    entryTable(texts, 'geschenk', data.gifts),
    entryTable(texts, 'nevenwerk', data.sideJobs),
    ...[notices, historyTable(texts, data), confirmations].filter((t) => t.rows.length > 0),
  ];
}

export function ownExport(data: OwnData, texts: Texts, format: OwnExportFormat): string {
  const parts = tables(texts, data);
  if (format === 'json') {
    const json = Object.fromEntries(parts.map((t) => [t.title, t.rows.map((row) => Object.fromEntries(t.header.map((h, i) => [h, row[i] ?? ''])))]));
    return JSON.stringify(json, null, 2);
  }
  const rows: CsvCell[][] = [];
  for (const table of parts) {
    // An empty row between the parts keeps each readable in a spreadsheet.
    if (rows.length > 0) rows.push([]);
    rows.push([table.title], table.header, ...table.rows);
  }
  return toCsv(rows);
}
