import type { ChannelDirectory, ChannelTarget, Platform } from '../../core/channels.js';
import type { Store } from '../database.js';
import type { ChannelTargetTable } from '../schema.js';

/** The channel directory on the store; a channel seen again keeps one row with its latest address. */
export class StoreChannelDirectory implements ChannelDirectory {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async remember(target: Omit<ChannelTarget, 'updatedAt'>): Promise<void> {
    const { platform, id, name, address } = target;
    const row = { platform, id, name, address, updated_at: this.now().toISOString() };
    await this.store.db
      .insertInto('channel_targets')
      .values(row)
      .onConflict((oc) => oc.columns(['platform', 'id']).doUpdateSet({ name: row.name, address: row.address, updated_at: row.updated_at }))
      .execute();
  }

  async find(platform: Platform, id: string): Promise<ChannelTarget | undefined> {
    const row = await this.store.db
      .selectFrom('channel_targets')
      .selectAll()
      .where('platform', '=', platform)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toTarget(row) : undefined;
  }

  async list(platform?: Platform): Promise<ChannelTarget[]> {
    let query = this.store.db.selectFrom('channel_targets').selectAll().orderBy('platform').orderBy('name');
    if (platform) query = query.where('platform', '=', platform);
    return (await query.execute()).map(toTarget);
  }
}

function toTarget(row: ChannelTargetTable): ChannelTarget {
  const { id, name, address } = row;
  return { platform: row.platform as Platform, id, name, address, updatedAt: row.updated_at };
}
