import { randomInt } from 'node:crypto';
import type { RegisterName } from '../../core/registers/model.js';
import type { Db } from './entries.js';

/**
 * Short, stable codes for register entries: G-7K3Q for a gift, N-4HXP for a side job. A code is given
 * the first time an entry is listed for the coordinator (or the CLI), then never changes. No 0/O, 1/I/L
 * or U, so a code read aloud or typed from paper comes out right.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX: Record<RegisterName, string> = { geschenk: 'G', nevenwerk: 'N' };

function fresh(register: RegisterName): string {
  let code = `${PREFIX[register]}-`;
  for (let i = 0; i < 4; i++) code += ALPHABET[randomInt(ALPHABET.length)] ?? '2';
  return code;
}

/** "g7k3q", "G-7K3Q " and "g 7k3q" are all G-7K3Q; anything else is no code. */
export function normaliseCode(text: string): string | undefined {
  const match = /^([GN])\s*-?\s*([0-9A-Z]{4})$/.exec(text.trim().toUpperCase());
  return match ? `${match[1] ?? ''}-${match[2] ?? ''}` : undefined;
}

export class CodeRepository {
  constructor(private readonly db: Db) {}

  private async known(ids: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (let at = 0; at < ids.length; at += 500) {
      const part = ids.slice(at, at + 500);
      const rows = await this.db.selectFrom('register_codes').select(['entry_id', 'code']).where('entry_id', 'in', part).execute();
      for (const r of rows) found.set(r.entry_id, r.code);
    }
    return found;
  }

  /** The code of every entry, giving one to those without; safe when several instances do it at once. */
  async ensure(entries: { register: RegisterName; id: string }[]): Promise<Map<string, string>> {
    if (entries.length === 0) return new Map();
    let codes = await this.known(entries.map((e) => e.id));
    for (let attempt = 0; attempt < 5; attempt++) {
      const missing = entries.filter((e) => !codes.has(e.id));
      if (missing.length === 0) break;
      for (let at = 0; at < missing.length; at += 500) {
        await this.db
          .insertInto('register_codes')
          .values(missing.slice(at, at + 500).map((e) => ({
            code: fresh(e.register), register: e.register,
            entry_id: e.id,
          })))
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      codes = await this.known(entries.map((e) => e.id));
    }
    return codes;
  }

  async find(code: string): Promise<{ register: RegisterName; id: string } | undefined> {
    const row = await this.db.selectFrom('register_codes').select(['register', 'entry_id']).where('code', '=', code).executeTakeFirst();
    return row ? { register: row.register as RegisterName, id: row.entry_id } : undefined;
  }

  async deleteForEntries(ids: string[]): Promise<void> {
    for (let at = 0; at < ids.length; at += 500) {
      await this.db.deleteFrom('register_codes').where('entry_id', 'in', ids.slice(at, at + 500)).execute();
    }
  }
}
