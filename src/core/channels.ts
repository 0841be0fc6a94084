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
 * Event ids a platform may deliver more than once (Slack retries). Several
 * instances share it through the store, so a retry that reaches another
 * instance is still handled once.
 */
export interface EventLedger {
  /** True the first time an id is seen by any instance; `retry` says the platform marked it as a retry. */
  firstTime(id: string, retry: boolean): Promise<boolean>;
}

export interface ChannelDirectory {
  remember(target: Omit<ChannelTarget, 'updatedAt'>): Promise<void>;
  find(platform: Platform, id: string): Promise<ChannelTarget | undefined>;
  list(platform?: Platform): Promise<ChannelTarget[]>;
}
