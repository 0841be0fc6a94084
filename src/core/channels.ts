/**
 * Channels the bot may post into on its own (the weekly poll). Teams needs a
 * stored conversation reference for that; Slack only the channel id. The
 * address is the platform's own, opaque to the core. Only team channels are
 * kept: a personal chat's reference would say who talked to the bot.
 */
export type Platform = 'slack' | 'teams';

export interface ChannelTarget {
  platform: Platform;
  /** The platform's channel or conversation id. */
  id: string;
  name: string | null;
  /** What the platform needs to post there, as JSON. */
  address: string;
  updatedAt: string;
}

/**
 * Deliveries a platform may send more than once (Slack retries, Bot Framework redeliveries). Several
 * instances share it through the store, so a copy that reaches another instance, at the same moment
 * or later, is still handled once.
 */
export interface EventLedger {
  /** True for exactly one caller per id, across instances. */
  firstTime(id: string): Promise<boolean>;
}

export interface ChannelDirectory {
  remember(target: Omit<ChannelTarget, 'updatedAt'>): Promise<void>;
  find(platform: Platform, id: string): Promise<ChannelTarget | undefined>;
  list(platform?: Platform): Promise<ChannelTarget[]>;
}
