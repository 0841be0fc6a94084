import { fieldsOf, shownValue } from '../core/registers/fields.js';
import type { GiftEntry, RegisterName, SideJobEntry } from '../core/registers/model.js';
import { calendarDay, localDay } from '../core/texts/time.js';
import type { Texts } from '../core/texts/texts.js';
import type { RegisterListing } from '../store/services/coordinator.js';

/**
 * The registers as a readable list in the terminal: the short code to act on, the status in words (a withdrawn
 * entry says so), a Dutch date, and the values in the words of the text files, never the stored keys.
 */
type Entry = GiftEntry | SideJobEntry;

function show(texts: Texts, register: RegisterName, key: string, value: unknown): string {
  const declared = fieldsOf(register).find((f) => f.key === key);
  return declared ? shownValue(texts, declared, value) : String(value);
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function status(texts: Texts, e: Entry): string {
  if (e.status === 'ingetrokken') return texts.t('status.ingetrokken');
  return texts.t(e.reviewedAt ? 'status.bekeken' : 'status.open');
}

function giftWhat(texts: Texts, g: GiftEntry): string {
  const value = show(texts, 'geschenk', 'valueEuros', g.valueEuros);
  const outcome = lower(show(texts, 'geschenk', 'outcome', g.outcome));
  const verdict = texts.has(`oordeel.${g.verdict}`) ? lower(texts.t(`oordeel.${g.verdict}`)) : g.verdict;
  return `${g.description} (${value}) van ${g.giverOrg} — ${outcome} (oordeel: ${verdict})`;
}

function sideJobWhat(texts: Texts, s: SideJobEntry): string {
  const kind = show(texts, 'nevenwerk', 'kind', s.kind);
  if (s.kind === 'geen') return kind;
  return `${kind}: ${s.role} bij ${s.organisation}`;
}

/** Rows of cells as lines, each column as wide as its widest cell. */
function columns(rows: string[][]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), []);
  return rows.map((row) => `  ${row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')}`);
}

export function registerTable(listing: RegisterListing, texts: Texts): string {
  const row = (e: Entry, day: string, what: string) => [e.code ?? e.id, status(texts, e), day, e.owner, what];
  const gifts = listing.gifts.map((g) => row(g, calendarDay(g.date), giftWhat(texts, g)));
  const sideJobs = listing.sideJobs.map((s) => row(s, localDay(s.createdAt), sideJobWhat(texts, s)));
  return [
    `Geschenken (${String(gifts.length)}), met de datum van het geschenk`,
    ...columns(gifts),
    '',
    `Nevenwerkzaamheden en financiële belangen (${String(sideJobs.length)}), met de datum van registratie`,
    ...columns(sideJobs),
    '',
    'Een code als G-7K3Q werkt overal waar een id gevraagd wordt, bijv. gedragsbot register review G-7K3Q --note "…".',
  ].join('\n');
}
