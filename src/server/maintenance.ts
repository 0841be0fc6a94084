import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Logger } from '../core/usage.js';
import type { StoreServices } from '../store/index.js';
import { SYSTEM_ACTOR } from '../store/services/coordinator.js';
import { TIME_ZONE } from '../store/time.js';

/**
 * The retention run, once a day at night (Dutch time), by whichever instance claims that day first.
 * Checked every ten minutes, so a server that was down at three catches up when it is back.
 */
const CHECK_EVERY_MS = 10 * 60 * 1000;
const FROM_HOUR = 3;

export async function retentionIfDue(
  services: StoreServices,
  months: number,
  now: Date,
  logger: Logger,
): Promise<boolean> {
  const local = new TZDate(now.getTime(), TIME_ZONE);
  if (local.getHours() < FROM_HOUR) return false;
  if (!(await services.instance.claimRun('retention', format(local, 'yyyy-MM-dd'), now))) return false;
  const result = await services.coordinator.retention(SYSTEM_ACTOR, months);
  logger.info('Bewaartermijn toegepast', { months, cutoff: result.cutoff, gifts: result.gifts, sideJobs: result.sideJobs });
  return true;
}

export function startDailyRetention(services: StoreServices, months: number, logger: Logger): () => void {
  const tick = () => {
    retentionIfDue(services, months, new Date(), logger).catch((error: unknown) => {
      logger.error('Bewaartermijn toepassen mislukt; volgende poging over tien minuten', error);
    });
  };
  tick();
  const timer = setInterval(tick, CHECK_EVERY_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
