import type { UsageRecorder } from '../core/usage.js';
import { openStore, type Store } from './database.js';
import { UsageCountRepository } from './repositories/usage-counts.js';
import { StoreUsageRecorder } from './services/usage.js';
import { UsageStatsService } from './services/stats.js';
import { parseStoreUrl } from './url.js';

/** Everything the rest of the program may use of the store: services, never rows. */
export interface StoreServices {
  usage: UsageRecorder;
  stats: UsageStatsService;
  close(): Promise<void>;
  /** For tests and operations only. */
  readonly store: Store;
}

export interface StoreOptions {
  minimumCell: number;
}

export async function connectStore(url: string, options: StoreOptions): Promise<StoreServices> {
  const store = await openStore(parseStoreUrl(url));
  const counts = new UsageCountRepository(store.db);
  return {
    usage: new StoreUsageRecorder(counts),
    stats: new UsageStatsService(counts, options.minimumCell),
    close: () => store.close(),
    store,
  };
}
