import type { Deliverer } from '../core/outreach/deliver.js';
import type { Address, Outbox } from '../core/outreach/model.js';
import type { QuestionDesk } from '../core/questions/model.js';
import { workingDaysAgo } from '../core/questions/timing.js';
import type { Logger } from '../core/usage.js';

/**
 * What the bot does on its own, every few seconds on every instance: send what is due from the outbox,
 * remind the coordinators of questions waiting too long, and delete closed questions past their keeping
 * time. The outbox and the question desk hand each piece of work to one instance, so it happens once.
 */
export interface OutreachOptions {
  /** The coordinators' channels, for reminders. */
  inbox: readonly Address[];
  reminderWorkingDays: number;
  /** Other work that is checked now and then, like the yearly side-job confirmation. */
  chores?: ((now: Date) => Promise<void>)[];
}

const HOUSEKEEPING_EVERY_MS = 10 * 60 * 1000;

export class Outreach {
  private housekeptAt = 0;

  constructor(
    private readonly deliverer: Deliverer,
    private readonly desk: QuestionDesk,
    private readonly outbox: Outbox,
    private readonly options: OutreachOptions,
    private readonly logger: Logger,
  ) {}

  async tick(now: Date): Promise<void> {
    if (now.getTime() - this.housekeptAt >= HOUSEKEEPING_EVERY_MS) {
      this.housekeptAt = now.getTime();
      await this.remind(now);
      for (const chore of this.options.chores ?? []) {
        // One chore failing must not hold up deleting old questions or delivering answers.
        await chore(now).catch((error: unknown) => {
          this.logger.error('Geplande taak mislukt; de volgende ronde probeert het opnieuw', error);
        });
      }
      const purged = await this.desk.purge(now);
      if (purged > 0) this.logger.info('Gesloten vragen na de bewaartermijn verwijderd', { aantal: purged });
    }
    const { sent, failed } = await this.deliverer.runDue(now);
    if (sent + failed > 0) this.logger.info('Berichten verstuurd', { sent, failed });
  }

  private async remind(now: Date): Promise<void> {
    if (this.options.inbox.length === 0) return;
    const limit = workingDaysAgo(now, this.options.reminderWorkingDays);
    const day = now.toISOString().slice(0, 10);
    for (const question of await this.desk.overdue(limit, now)) {
      for (const [i, address] of this.options.inbox.entries()) {
        await this.outbox.enqueue('vraag_herinnering', `vraag_herinnering:${question.code}:${day}:${String(i)}`, address, { code: question.code }, now);
      }
    }
  }
}

export function startOutreach(outreach: Outreach, logger: Logger, everyMs: number): () => void {
  let running = false;
  const tick = () => {
    // One round at a time: a slow platform must not stack rounds on top of each other.
    if (running) return;
    running = true;
    outreach
      .tick(new Date())
      .catch((error: unknown) => {
        logger.error('Versturen of herinneren mislukt; volgende ronde zo meteen', error);
      })
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
