import { stringify } from 'csv-stringify/sync';

/**
 * CSV the way a Dutch spreadsheet opens it: ";" between cells (the comma is the decimal sign here),
 * a byte-order mark so Excel reads UTF-8, and every text that a spreadsheet would run as a formula
 * (=, +, -, @ …) prefixed with a quote. Register fields are typed by employees; a cell like
 * "=HYPERLINK(…)" must arrive as text.
 */
export type CsvCell = string | number;

export function toCsv(rows: CsvCell[][]): string {
  return stringify(rows, { bom: true, delimiter: ';', escape_formulas: true, record_delimiter: 'windows' });
}
