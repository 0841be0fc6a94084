import { GedragsbotError } from '../core/errors.js';
import type { PollTarget, PostRef } from '../core/polls/model.js';
import type { PollCard, PollPublisher } from '../core/polls/ports.js';
import type { PollScheduler } from '../core/polls/scheduler.js';
import type { Logger } from '../core/usage.js';

/** Sends each poll to the platform of its channel; a platform that is not set up says so in the log. */
export class RoutingPublisher implements PollPublisher {
  slack: PollPublisher | undefined;
  teams: PollPublisher | undefined;

  private pick(platform: PollTarget['platform']): PollPublisher {
    const publisher = this[platform];
    if (!publisher) throw new GedragsbotError('PLATFORM_UNAVAILABLE', `${platform === 'slack' ? 'Slack' : 'Teams'} is niet ingesteld op deze server`);
    return publisher;
  }

  post(target: PollTarget, card: PollCard): Promise<PostRef> {
    return this.pick(target.platform).post(target, card);
  }

  reply(post: PostRef, card: PollCard): Promise<void> {
    return this.pick(post.platform).reply(post, card);
  }
}

/** Runs what is due now and every `everyMs`; one run at a time, so a slow post never overlaps the next. */
export function startPollTimer(scheduler: PollScheduler, logger: Logger, everyMs: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await scheduler.runDue(new Date());
    } catch (error) {
      logger.error('Dilemmapoll: plannen uitvoeren mislukt; volgende poging over een halve minuut', error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
