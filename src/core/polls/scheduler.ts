import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { DilemmaDeck } from '../dilemmas/load.js';
import type { Dilemma } from '../dilemmas/schema.js';
import type { Logger, UsageRecorder } from '../usage.js';
import { localMoment } from '../texts/time.js';
import type { Texts } from '../texts/texts.js';
import { pollMessage } from './messages.js';
import { CATCH_UP_MS, DEFAULT_OPEN_HOURS, type Poll, type PollTarget, type PostRef } from './model.js';
import type { PollCard, PollPublisher, PollStore } from './ports.js';
import { latestSlot } from './schedule.js';

/**
 * Runs what is due: posts each planned slot once (also when several
 * instances run this at the same moment: the store decides who posts), a
 * missed slot on return if less than a day late, reminders halfway, and the
 * result at close. Call `runDue` every half minute; `poll run-due --now`
 * calls it for a chosen time.
 */
export interface RunReport {
  /** Slots of polls that reached at least one channel. */
  posted: string[];
  skipped: string[];
  reminded: string[];
  closed: string[];
  /** Channels a poll could not be posted in, with why: "slack:C0123: Slack is niet ingesteld …". */
  failed: string[];
}

const HOUR = 60 * 60 * 1000;

export function voterHash(key: string, voter: string): string {
  return createHmac('sha256', key).update(voter).digest('hex');
}

export class PollScheduler {
  constructor(
    private readonly store: PollStore,
    private readonly deck: DilemmaDeck,
    private readonly publisher: PollPublisher,
    private readonly usage: UsageRecorder,
    private readonly logger: Logger,
    private readonly texts: Texts,
  ) {}

  private card(card: Omit<PollCard, 'message'>): PollCard {
    return { ...card, message: pollMessage(this.texts, card) };
  }

  async runDue(now: Date): Promise<RunReport> {
    const report: RunReport = { posted: [], skipped: [], reminded: [], closed: [], failed: [] };
    for (const plan of await this.store.plans()) {
      const slot = latestSlot(plan.weekday, plan.time, now);
      if (slot.at.getTime() < Date.parse(plan.createdAt) || (await this.store.hasSlot(plan.id, slot.local))) continue;
      if (now.getTime() - slot.at.getTime() >= CATCH_UP_MS) {
        if (await this.store.claimSkipped(plan.id, slot.local)) {
          this.logger.warn(`Dilemmapoll van ${slot.local} overgeslagen: de bot was er meer dan een dag te laat voor (plan ${plan.id.slice(0, 8)})`);
          report.skipped.push(slot.local);
        }
        continue;
      }
      const dilemma = plan.dilemmaId ? this.deck.get(plan.dilemmaId) : await this.nextDilemma();
      if (!dilemma) {
        this.logger.error(`Dilemmapoll van ${slot.local}: dilemma "${plan.dilemmaId ?? ''}" bestaat niet (meer)`);
        continue;
      }
      const { targets, openHours, reminder } = plan;
      const poll = await this.open(plan.id, slot.local, dilemma, targets, now, openHours, reminder, report.failed);
      if (poll && poll.posts.length > 0) report.posted.push(slot.local);
    }
    for (const poll of await this.store.openPolls()) {
      if (Date.parse(poll.closesAt) <= now.getTime()) {
        if (await this.close(poll, now)) report.closed.push(poll.id);
        continue;
      }
      const remind = poll.remindAt !== null && Date.parse(poll.remindAt) <= now.getTime();
      if (remind && (await this.store.claimReminder(poll.id, now.toISOString()))) {
        await this.replyAll(poll, 'herinnering');
        report.reminded.push(poll.id);
      }
    }
    return report;
  }

  /** "poll nu": a poll right away, outside any plan. */
  async startNow(
    targets: PollTarget[],
    dilemmaId: string | null,
    now: Date,
    openHours = DEFAULT_OPEN_HOURS,
  ): Promise<Poll | null> {
    const dilemma = dilemmaId ? this.deck.get(dilemmaId) : await this.nextDilemma();
    if (!dilemma) return null;
    return this.open(null, `nu:${randomUUID()}`, dilemma, targets, now, openHours, true);
  }

  private async open(
    planId: string | null,
    slot: string,
    dilemma: Dilemma,
    targets: PollTarget[],
    now: Date,
    openHours: number,
    reminder: boolean,
    failed: string[] = [],
  ): Promise<Poll | null> {
    const closesAt = new Date(now.getTime() + openHours * HOUR);
    const poll: Poll = {
      id: randomUUID(),
      planId,
      slot,
      dilemmaId: dilemma.id,
      targets,
      openedAt: now.toISOString(),
      closesAt: closesAt.toISOString(),
      remindAt: reminder ? new Date(now.getTime() + (openHours * HOUR) / 2).toISOString() : null,
      posts: [],
    };
    if (!(await this.store.claimSlot(poll, randomBytes(32).toString('hex')))) return null;
    const posts: PostRef[] = [];
    for (const target of targets) {
      try {
        posts.push(await this.publisher.post(target, this.card({ poll, dilemma, kind: 'poll' })));
      } catch (error) {
        this.logger.error(`Dilemmapoll niet geplaatst in ${target.platform}:${target.channel}`, error);
        failed.push(`${target.platform}:${target.channel}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.store.setPosts(poll.id, posts);
    return { ...poll, posts };
  }

  private async close(poll: Poll, now: Date): Promise<boolean> {
    const result = await this.store.close(poll.id, now.toISOString());
    if (!result) return false;
    const dilemma = this.deck.get(poll.dilemmaId);
    if (!dilemma) return true;
    for (const post of poll.posts) {
      try {
        await this.publisher.reply(post, this.card({ poll, dilemma, kind: 'uitslag', result }));
      } catch (error) {
        this.logger.error(`Uitslag van de dilemmapoll niet geplaatst in ${post.platform}:${post.channel}`, error);
      }
    }
    return true;
  }

  private async replyAll(poll: Poll, kind: PollCard['kind']): Promise<void> {
    const dilemma = this.deck.get(poll.dilemmaId);
    if (!dilemma) return;
    for (const post of poll.posts) {
      try {
        await this.publisher.reply(post, this.card({ poll, dilemma, kind }));
      } catch (error) {
        this.logger.error(`Herinnering voor de dilemmapoll niet geplaatst in ${post.platform}:${post.channel}`, error);
      }
    }
  }

  /** The first dilemma no poll used yet; when all were used, the one used longest ago. */
  private async nextDilemma(): Promise<Dilemma | undefined> {
    const used = await this.store.usedDilemmas();
    const fresh = this.deck.cards.find((c) => !used.includes(c.id));
    if (fresh) return fresh;
    const lastUse = (id: string) => used.lastIndexOf(id);
    return [...this.deck.cards].sort((a, b) => lastUse(a.id) - lastUse(b.id))[0];
  }

  /** One vote per person per poll; voting again changes it. Only a keyed hash of the voter is stored. */
  async vote(pollId: string, voter: string, optionId: string, channel: 'slack' | 'teams', now: Date): Promise<string> {
    const poll = await this.store.poll(pollId);
    const dilemma = poll ? this.deck.get(poll.dilemmaId) : undefined;
    if (!poll || !dilemma?.opties.some((o) => o.id === optionId)) return this.texts.t('poll.stem.onbekend');
    const outcome = await this.store.vote(pollId, (key) => voterHash(key, voter), optionId);
    if (outcome.status === 'gesloten') return this.texts.t('poll.stem.gesloten');
    const verdict = (option: string) => `${dilemma.id}:${option}`;
    const base = { event: 'poll' as const, intent: 'dilemma', channel, at: now };
    const counts = outcome.status === 'nieuw'
      ? [{ ...base, verdict: verdict(optionId) }]
      : outcome.previous === optionId
        ? []
        : [{ ...base, verdict: verdict(outcome.previous), delta: -1 }, { ...base, verdict: verdict(optionId) }];
    try {
      await this.usage.record(counts);
    } catch (error) {
      this.logger.error('Pollstem niet geteld', error);
    }
    const key = outcome.status === 'nieuw' ? 'poll.stem.geteld' : 'poll.stem.gewijzigd';
    return this.texts.t(key, { keuze: optionId.toUpperCase(), uitslag: localMoment(poll.closesAt) });
  }
}
