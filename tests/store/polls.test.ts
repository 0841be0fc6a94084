import { afterEach, describe, expect, it } from 'vitest';
import { PollScheduler } from '../../src/core/polls/scheduler.js';
import { localIso } from '../../src/core/polls/schedule.js';
import type { Logger } from '../../src/core/usage.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { RecordingPublisher } from '../helpers/recording-publisher.js';
import { defaultDilemmas, defaultRuleBase } from '../helpers/rulebase.js';
import { bothStores } from '../helpers/stores.js';

const HOUR = 3_600_000;

describe.each(bothStores())('the weekly poll on %s', (_name, url) => {
  let services: StoreServices | undefined;
  afterEach(async () => {
    await services?.close();
    services = undefined;
  });

  async function setup(start: Date) {
    let now = start;
    services = await connectStore(url(), { minimumCell: 1, now: () => now });
    const publisher = new RecordingPublisher(() => now);
    const warnings: string[] = [];
    const note = (m: string) => void warnings.push(m);
    const logger: Logger = { info: () => undefined, warn: note, error: note };
    const { texts } = defaultRuleBase();
    const scheduler = new PollScheduler(services.polls, defaultDilemmas(), publisher, services.usage, logger, texts);
    return {
      services,
      publisher,
      scheduler,
      warnings,
      at: (when: Date) => {
        now = when;
        return scheduler.runDue(when);
      },
    };
  }

  it('52 weeks across both daylight-saving changes: exactly 52 polls, each at 10:00 local time', async () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const { services: s, publisher, at } = await setup(start);
    await s.polls.addPlan({ targets: [{ platform: 'slack', channel: 'C0WIO' }], weekday: 2, time: '10:00', dilemmaId: null, openHours: 72, reminder: true });
    // The scheduler runs every hour, as the server's timer would (it runs every half minute).
    for (let t = start.getTime(); t < start.getTime() + 52 * 7 * 24 * HOUR; t += HOUR) await at(new Date(t));
    const polls = publisher.posts.filter((p) => p.card.kind === 'poll');
    expect(polls).toHaveLength(52);
    for (const p of polls) expect(localIso(p.at)).toMatch(/^\d{4}-\d{2}-\d{2}T10:00$/);
    expect(new Set(polls.map((p) => localIso(p.at).slice(0, 10))).size).toBe(52);
    // Both changes fall inside the year: some polls went out at 09:00 UTC, others at 08:00 UTC.
    expect(new Set(polls.map((p) => p.at.getUTCHours()))).toEqual(new Set([8, 9]));
    expect(publisher.replies.filter((r) => r.card.kind === 'herinnering')).toHaveLength(52);
    // The last poll of the year is still open when the simulation stops.
    expect(publisher.replies.filter((r) => r.card.kind === 'uitslag').length).toBeGreaterThanOrEqual(51);
    // Every dilemma is used before one comes back.
    const first = polls.slice(0, defaultDilemmas().cards.length).map((p) => p.card.dilemma.id);
    expect(new Set(first).size).toBe(defaultDilemmas().cards.length);
  }, 120_000);

  it('a slot missed while down goes out once on return when less than a day late, else it is skipped and logged', async () => {
    const { services: s, publisher, warnings, at } = await setup(new Date('2026-11-20T12:00:00Z'));
    await s.polls.addPlan({ targets: [{ platform: 'slack', channel: 'C0WIO' }], weekday: 2, time: '10:00', dilemmaId: 'skybox-voetbal', openHours: 72, reminder: false });
    // Down on Tuesday 24 November 10:00 (09:00 UTC); back at 20:00 the same day.
    await at(new Date('2026-11-24T19:00:00Z'));
    await at(new Date('2026-11-24T19:00:30Z'));
    expect(publisher.posts.map((p) => p.card.dilemma.id)).toEqual(['skybox-voetbal']);
    // Down for the next Tuesday's slot and back only on Wednesday afternoon: skipped.
    await at(new Date('2026-12-02T14:00:00Z'));
    await at(new Date('2026-12-02T15:00:00Z'));
    expect(publisher.posts.filter((p) => p.card.kind === 'poll')).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('overgeslagen'))).toHaveLength(1);
  });

  it('a vote counts once per person and may change; results stay hidden until close; then nothing links a vote to a person', async () => {
    const start = new Date('2026-11-24T09:00:00Z');
    const { services: s, publisher, scheduler, at } = await setup(start);
    const poll = await scheduler.startNow([{ platform: 'teams', channel: '19:x@thread.tacv2' }], 'grote-fles-champagne', start, 72);
    expect(poll).not.toBeNull();
    const id = poll!.id;
    expect(await scheduler.vote(id, 'slack:U1', 'a', 'slack', start)).toContain('Je stem is geteld');
    expect(await scheduler.vote(id, 'slack:U1', 'a', 'slack', start)).toContain('Je stem is gewijzigd');
    expect(await scheduler.vote(id, 'slack:U1', 'b', 'slack', start)).toContain('Je stem is gewijzigd');
    for (let i = 2; i <= 6; i++) await scheduler.vote(id, `teams:user-${String(i)}`, i % 2 === 0 ? 'b' : 'c', 'teams', start);
    expect(await scheduler.vote(id, 'slack:U1', 'z', 'slack', start)).toContain('kan ik niet plaatsen');
    const stored = await s.store.db.selectFrom('poll_votes').selectAll().execute();
    expect(stored).toHaveLength(6);
    expect(JSON.stringify(stored)).not.toMatch(/U1|user-/);
    await at(new Date('2026-11-27T09:00:00Z'));
    const result = publisher.replies.find((r) => r.card.kind === 'uitslag');
    expect(result?.card.result).toMatchObject({ total: 6, votes: { b: 4, c: 2 } });
    expect(await s.store.db.selectFrom('poll_votes').selectAll().execute()).toEqual([]);
    const row = await s.store.db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst();
    expect(row).toMatchObject({ status: 'gesloten', hash_key: null, result: JSON.stringify({ b: 4, c: 2 }) });
    expect(await scheduler.vote(id, 'slack:U7', 'a', 'slack', start)).toContain('al gesloten');
    const pollCounts = await s.store.db.selectFrom('usage_counts').selectAll().where('event', '=', 'poll').execute();
    expect(pollCounts.reduce((sum, r) => sum + r.count, 0)).toBe(6);
    expect(JSON.stringify(pollCounts)).not.toMatch(/U1|user-/);
  });
});
