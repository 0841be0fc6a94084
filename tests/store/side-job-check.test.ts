import { afterEach, describe, expect, it } from 'vitest';
import type { BotReply } from '../../src/core/messages/model.js';
import { Deliverer, type Sender } from '../../src/core/outreach/deliver.js';
import type { Address } from '../../src/core/outreach/model.js';
import type { SideJobInput } from '../../src/core/registers/model.js';
import { silentLogger } from '../../src/core/usage.js';
import { yearlySideJobCheck } from '../../src/server/side-job-reminders.js';
import { connectStore, type StoreServices } from '../../src/store/index.js';
import { defaultRuleBase } from '../helpers/rulebase.js';
import { bothStores, postgresUrl } from '../helpers/stores.js';

/**
 * The yearly side-job confirmation over a simulated year: everyone due is asked once, in the channel they
 * used last; two weeks later only those who did not confirm get one reminder. With two instances on one
 * PostgreSQL, each message still goes out once.
 */
const JOB: SideJobInput = {
  kind: 'nevenwerk',
  organisation: 'Voetbalvereniging De Zwaluwen',
  role: 'penningmeester',
  paid: false,
  hoursPerWeek: 2,
  startDate: '2024-09-01',
  endDate: null,
  relations: [],
  publish: false,
};

const DAY = 24 * 60 * 60 * 1000;
const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';
const SLACK_A: Address = { platform: 'slack', user: 'UA' };
const TEAMS_B: Address = { platform: 'teams', user: '29:b', tenantId: 't', serviceUrl: 'https://smba.trafficmanager.net/emea/', bot: '28:bot' };
const SLACK_C: Address = { platform: 'slack', user: 'UC' };

class CapturingSender implements Sender {
  readonly sent: { address: Address; reply: BotReply }[] = [];
  send(address: Address, reply: BotReply): Promise<void> {
    this.sent.push({ address, reply });
    return Promise.resolve();
  }
}

async function seed(services: StoreServices, at: Date): Promise<void> {
  await services.registers.saveSideJob('slack:UA', JOB);
  await services.registers.saveSideJob('teams:B', { ...JOB, kind: 'geen', organisation: '', role: '', hoursPerWeek: null, startDate: null });
  await services.registers.confirmSideJobs('slack:UC', 2026);
  // D registered but never talked to the bot since addresses are kept: the bot cannot reach D.
  await services.registers.saveSideJob('slack:UD', JOB);
  await services.contacts.remember('slack:UA', SLACK_A, at);
  await services.contacts.remember('teams:B', TEAMS_B, at);
  await services.contacts.remember('slack:UC', SLACK_C, at);
}

describe.each(bothStores())('the yearly side-job confirmation, on %s', (_name, url) => {
  const open: StoreServices[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it('asks everyone due once and reminds only who did not confirm, two weeks later', async () => {
    let clock = new Date('2026-11-10T10:00:00Z');
    const services = await connectStore(url(), { minimumCell: 5, now: () => clock, secret: SECRET });
    open.push(services);
    await seed(services, clock);
    const senders = { slack: new CapturingSender(), teams: new CapturingSender() };
    const deliverer = new Deliverer(services.outbox, undefined, senders, defaultRuleBase().texts, silentLogger);
    const chore = yearlySideJobCheck(services.sideJobCheck, services.instance, 1, silentLogger);

    // From 20 December to the end of February, a check every six hours; A confirms on 3 January.
    const end = new Date('2027-03-01T00:00:00Z');
    for (clock = new Date('2026-12-20T00:00:00Z'); clock < end; clock = new Date(clock.getTime() + DAY / 4)) {
      await chore(clock);
      await deliverer.runDue(clock);
      if (clock.toISOString() === '2027-01-03T12:00:00.000Z') await services.registers.confirmSideJobs('slack:UA', 2027);
    }
    const firsts = [...senders.slack.sent, ...senders.teams.sent].filter((s) => !s.reply.text.startsWith('Een herinnering'));
    const reminders = [...senders.slack.sent, ...senders.teams.sent].filter((s) => s.reply.text.startsWith('Een herinnering'));
    const byJson = (a: Address, b: Address) => JSON.stringify(a).localeCompare(JSON.stringify(b));
    expect(firsts.map((s) => s.address).sort(byJson)).toEqual([SLACK_A, SLACK_C, TEAMS_B].sort(byJson));
    expect(firsts[0]?.reply.text).toContain('2027');
    expect(firsts[0]?.reply.actions.map((a) => a.id)).toEqual(['nevenwerk_bevestigen', 'mijn_registraties']);
    expect(reminders.map((s) => s.address)).toHaveLength(2);
    expect(reminders.map((s) => s.address)).not.toContainEqual(SLACK_A);
    // Nothing in January before the first, nothing in December of the year before.
    const stored = await services.store.db.selectFrom('outbox').select(['kind', 'due_at']).execute();
    expect(stored.every((r) => r.due_at >= '2027-01-01')).toBe(true);
  });

  it('"verwijder mijn gegevens" also takes what the outbox holds about that person', async () => {
    let clock = new Date('2026-11-10T10:00:00Z');
    const services = await connectStore(url(), { minimumCell: 5, now: () => clock, secret: SECRET });
    open.push(services);
    await seed(services, clock);
    clock = new Date('2027-01-05T10:00:00Z');
    await services.sideJobCheck.firstRound(2027, clock);
    const queued = () => services.store.db.selectFrom('outbox').select('dedupe_key').execute();
    expect(await queued()).toHaveLength(3);
    await services.registers.deleteAllOwn('slack:UA');
    expect(await queued()).toHaveLength(2);
    expect(await services.contacts.find('slack:UA')).toBeNull();
  });
});

describe('the yearly side-job confirmation with two instances on one PostgreSQL', () => {
  const open: StoreServices[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it('sends each message once', async () => {
    const url = postgresUrl();
    let clock = new Date('2026-11-10T10:00:00Z');
    const options = { minimumCell: 5, now: () => clock, secret: SECRET };
    const one = await connectStore(url, options);
    const two = await connectStore(url, options);
    open.push(one, two);
    await seed(one, clock);
    const sender = new CapturingSender();
    const texts = defaultRuleBase().texts;
    const instances = [one, two].map((services) => ({
      chore: yearlySideJobCheck(services.sideJobCheck, services.instance, 1, silentLogger),
      deliverer: new Deliverer(services.outbox, undefined, { slack: sender, teams: sender }, texts, silentLogger),
    }));
    const end = new Date('2027-02-01T00:00:00Z');
    for (clock = new Date('2027-01-01T00:00:00Z'); clock < end; clock = new Date(clock.getTime() + DAY / 2)) {
      // Both instances at the same moment, as two servers would.
      await Promise.all(instances.map(async ({ chore, deliverer }) => {
        await chore(clock);
        await deliverer.runDue(clock);
      }));
    }
    expect(sender.sent).toHaveLength(6);
    const perAddress = new Map<string, number>();
    for (const { address } of sender.sent) {
      const key = JSON.stringify(address);
      perAddress.set(key, (perAddress.get(key) ?? 0) + 1);
    }
    expect([...perAddress.values()]).toEqual([2, 2, 2]);
  });
});
