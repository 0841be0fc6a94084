/**
 * Usage counts for the annual integrity report. A count carries the hour, the
 * kind of event, the topic, the verdict and the channel — never who asked or
 * what they wrote.
 */
export const CHANNELS = ['cli', 'web', 'slack', 'teams'] as const;
export type Channel = (typeof CHANNELS)[number];

export const USAGE_EVENTS = [
  'vraag',
  'vervolg',
  'doorverwijzing',
  'registratie',
  'dilemma',
  'poll',
  /** A question put to the coordinator; its first answer (verdict: working days it took, as a band); closed. */
  'vraag_voorgelegd',
  'vraag_beantwoord',
  'vraag_gesloten',
  /** A route the meldwijzer showed (intent: the kind of report, verdict: the route's id). */
  'meldroute',
] as const;
export type UsageEvent = (typeof USAGE_EVENTS)[number];

export interface UsageCount {
  event: UsageEvent;
  intent: string;
  verdict: string;
  channel: Channel;
  /** When it happened; the store keeps only the hour. */
  at: Date;
  /** +1 normally; -1 takes a count back (a follow-up moves its question to the final verdict). */
  delta?: number;
}

export interface UsageRecorder {
  /** All counts of one call are stored together or not at all. */
  record(counts: UsageCount[]): Promise<void>;
}

/** For `ask` without --store and for tests: counts go nowhere. */
export const noUsage: UsageRecorder = { record: () => Promise.resolve() };

/** What a failing store does to an answer: nothing; the failure is logged for IT. */
export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Cells under the minimum are shown as "<5", so small numbers never point at a person. */
export function suppress(count: number, minimum: number): number | string {
  return count > 0 && count < minimum ? `<${minimum}` : count;
}
