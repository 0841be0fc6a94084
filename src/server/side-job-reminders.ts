import { TZDate } from '@date-fns/tz';
import type { Logger } from '../core/usage.js';
import type { InstanceService } from '../store/services/instance.js';
import type { SideJobCheck } from '../store/services/side-job-check.js';
import { TIME_ZONE } from '../store/time.js';

/**
 * When the yearly side-job confirmation goes out: in the configured month, once per year, by whichever
 * instance claims it first; the reminder two weeks after that first round, once too. Checked with the
 * outbox's housekeeping, so a server that was down catches up when it is back.
 */
const TWO_WEEKS_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * A round that fails half-way gives its claim back: the next tick runs it again, and the outbox's dedupe keys
 * make sure nobody who was already queued gets a second message.
 */
async function releasedOnFailure<T>(
  instance: InstanceService,
  job: string,
  slot: string,
  round: () => Promise<T>,
): Promise<T> {
  try {
    return await round();
  } catch (error) {
    await instance.releaseRun(job, slot);
    throw error;
  }
}

export function yearlySideJobCheck(check: SideJobCheck, instance: InstanceService, month: number, logger: Logger) {
  return async (now: Date): Promise<void> => {
    const local = new TZDate(now.getTime(), TIME_ZONE);
    const year = local.getFullYear();
    if (local.getMonth() + 1 === month && (await instance.claimRun('nevenwerk_jaarcheck', String(year), now))) {
      const result = await releasedOnFailure(instance, 'nevenwerk_jaarcheck', String(year), () => check.firstRound(year, now));
      logger.info('Jaarlijkse controle nevenwerkzaamheden klaargezet', { jaar: year, ...result });
    }
    // A round in December has its reminder in January: look at last year's round too.
    for (const y of [year, year - 1]) {
      const started = await instance.claimedAt('nevenwerk_jaarcheck', String(y));
      if (!started || now.getTime() - started.getTime() < TWO_WEEKS_MS) continue;
      if (!(await instance.claimRun('nevenwerk_jaarcheck_herinnering', String(y), now))) continue;
      const result = await releasedOnFailure(instance, 'nevenwerk_jaarcheck_herinnering', String(y), () => check.reminderRound(y, now));
      logger.info('Herinnering controle nevenwerkzaamheden klaargezet', { jaar: y, ...result });
    }
  };
}
