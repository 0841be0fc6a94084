import { resolve } from 'node:path';
import { GedragsbotError } from '../core/errors.js';

/** Where the data lives: an SQLite file (the default) or a PostgreSQL database shared by several instances. */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

export const DEFAULT_STORE = 'sqlite:./data/gedragsbot.db';

export function parseStoreUrl(value: string): StoreLocation {
  const trimmed = value.trim();
  if (trimmed.startsWith('sqlite:')) {
    const path = trimmed.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw invalid(value);
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      throw invalid(value);
    }
    // A schema in the URL keeps several installations (or test runs) apart in one database.
    const schema = url.searchParams.get('schema') ?? undefined;
    url.searchParams.delete('schema');
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw invalid(value);
    return schema === undefined ? { kind: 'postgres', url: url.toString() } : { kind: 'postgres', url: url.toString(), schema };
  }
  throw invalid(value);
}

function invalid(value: string): GedragsbotError {
  return new GedragsbotError(
    'CONFIG_INVALID',
    `Onbekende opslag "${withoutPassword(value)}". Gebruik sqlite:PAD (bijv. sqlite:./data/gedragsbot.db) of postgres://gebruiker@host:5432/database.`,
  );
}

/** A store URL as typed, with any password masked, so a typo never puts a secret in a log or terminal. */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z]+:\/\/[^:/@\s]*):[^@\s]*@/i, '$1:***@');
}

/** For messages and logs: never print a password. */
export function describeStore(location: StoreLocation): string {
  if (location.kind === 'sqlite') return `sqlite:${location.path}`;
  const url = new URL(location.url);
  url.password = '';
  return `${url.toString()}${location.schema ? ` (schema ${location.schema})` : ''}`;
}
