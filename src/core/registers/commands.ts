import { fold } from '../text/normalize.js';

/** What an employee can do with their own entries, typed or from a button. */
export type RegisterCommand
  = | { kind: 'lijst' }
    | { kind: 'export' }
    | { kind: 'verwijder_alles' }
    | { kind: 'intrekken'; number: number }
    | { kind: 'wijzigen'; number: number }
    /** `year`: the round the button came with; typed, this year. */
    | { kind: 'bevestig_nevenwerk'; year?: number }
    | { kind: 'alle_registraties'; unreviewed: boolean }
    | { kind: 'beoordeel'; id: string; note: string };

export function readCommand(message: unknown): RegisterCommand | null {
  if (typeof message !== 'string' || message.length > 1100) return null;
  // The note keeps the coordinator's own spelling; only the command words are read folded.
  const review = /^\s*beoordeel\s+([0-9a-f]{6,36}|[gn]-?[0-9a-z]{4})\b\s*:?\s*(.*)$/is.exec(message);
  if (review) return { kind: 'beoordeel', id: (review[1] ?? '').toLowerCase(), note: (review[2] ?? '').trim() };
  if (message.length > 120) return null;
  const text = fold(message).replace(/[.!?]+$/, '');
  if (/^(toon |bekijk |laat )?(al )?(mijn|me|m'n|mn) (registraties|registratie|registers)( zien| bekijken)?$/.test(text)) return { kind: 'lijst' };
  if (/^(exporteer|export|download|stuur)( me)? (al )?(mijn|me) (gegevens|registraties|data)$/.test(text)) return { kind: 'export' };
  if (/^(verwijder|wis)( al)? (mijn|me) (gegevens|registraties|data)$/.test(text)) return { kind: 'verwijder_alles' };
  const withdraw = /^(?:trek (?:registratie )?(\d+) in|intrekken (\d+)|(\d+) intrekken)$/.exec(text);
  if (withdraw) return { kind: 'intrekken', number: Number(withdraw[1] ?? withdraw[2] ?? withdraw[3]) };
  const change = /^(?:wijzig|aanpassen|verander) (?:registratie )?(\d+)$/.exec(text);
  if (change) return { kind: 'wijzigen', number: Number(change[1]) };
  if (/^(bevestig|klopt)( mijn)? (nevenwerkzaamheden|nevenfuncties|nevenwerk)( klopt nog| kloppen nog)?$/.test(text)) {
    return { kind: 'bevestig_nevenwerk' };
  }
  if (/^(toon |bekijk )?(alle|de) (registraties|registers)( die nog niet bekeken zijn| ongezien| nog te bekijken)?$/.test(text)) {
    return { kind: 'alle_registraties', unreviewed: /niet bekeken|ongezien|nog te bekijken/.test(text) };
  }
  return null;
}
