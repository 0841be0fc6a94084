import { type Address, addressSchema, type ContactBook } from '../../core/outreach/model.js';
import type { Store } from '../database.js';
import type { Sealer } from './sealing.js';

/**
 * The contact book in the store: one sealed address per employee with registrations. Written only when
 * it changed, so registering or opening one's list does not rewrite it every time.
 */
export class StoreContactBook implements ContactBook {
  constructor(
    private readonly store: Store,
    private readonly sealer: () => Promise<Sealer>,
  ) {}

  async remember(owner: string, address: Address, now: Date): Promise<void> {
    const known = await this.find(owner);
    if (known && JSON.stringify(known) === JSON.stringify(address)) return;
    const values = { owner, address: (await this.sealer()).seal(address), updated_at: now.toISOString() };
    await this.store.db
      .insertInto('contact_addresses')
      .values(values)
      .onConflict((oc) => oc.column('owner').doUpdateSet({ address: values.address, updated_at: values.updated_at }))
      .execute();
  }

  async find(owner: string): Promise<Address | null> {
    const row = await this.store.db.selectFrom('contact_addresses').select('address').where('owner', '=', owner).executeTakeFirst();
    if (!row) return null;
    try {
      const parsed = addressSchema.safeParse((await this.sealer()).open(row.address));
      return parsed.success ? parsed.data : null;
    } catch {
      // Sealed under another secret (IT changed GEDRAGSBOT_SECRET): as good as unknown.
      return null;
    }
  }
}
