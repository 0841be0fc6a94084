import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fakeSlackApi, type FakeSlack } from '../helpers/fake-slack.js';
import { sqliteUrl } from '../helpers/stores.js';

let slack: FakeSlack;
const store = sqliteUrl();

beforeAll(async () => {
  slack = await fakeSlackApi();
  vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test-token');
  vi.stubEnv('SLACK_SIGNING_SECRET', 'slack-signing-secret-0123456789');
  vi.stubEnv('SLACK_API_URL', slack.url);
  vi.stubEnv('LOG_LEVEL', 'silent');
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await slack.close();
});

/** The next Tuesday after today, at a local time in Amsterdam, as ISO with offset: the plan is made "now". */
function nextTuesday(hours: number, minutes: number, seconds = 0, plusDays = 0): string {
  const today = new TZDate(Date.now(), 'Europe/Amsterdam');
  const ahead = ((2 - today.getDay() + 7) % 7) || 7;
  const at = new TZDate(today.getFullYear(), today.getMonth(), today.getDate() + ahead + plusDays, hours, minutes, seconds, 'Europe/Amsterdam');
  return at.toISOString();
}

describe('gedragsbot poll', () => {
  it('plans, lists, runs what is due at a given time, and cancels', async () => {
    const planned = await runCli(['poll', 'plan', '--kanaal', 'slack:C0WIO0001', '--dag', 'dinsdag', '--tijd', '10:00', '--dilemma', 'kerstpakket-leverancier', '--store', store]);
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('elke dinsdag om 10:00');
    const code = /code ([0-9a-f]{8})/.exec(planned.stdout)?.[1];
    expect((await runCli(['poll', 'lijst', '--store', store])).stdout).toContain(`${code ?? ''}  elke dinsdag om 10:00`);
    // Before the first slot nothing is due; at Tuesday 10:00 (09:00 UTC in winter) the poll goes out.
    expect((await runCli(['poll', 'run-due', '--now', nextTuesday(9, 59), '--store', store])).stdout).toContain('geplaatst: 0');
    const due = await runCli(['poll', 'run-due', '--now', nextTuesday(10, 0), '--store', store]);
    // Local time in words, as the WIO planned it; no UTC, no ISO stamps.
    expect(due.stdout).toMatch(/^Uitgevoerd voor dinsdag \d{1,2} [a-z]+ om 10:00 \(Nederlandse tijd\):/);
    expect(due.stdout).toMatch(/geplaatst: 1 poll \(dinsdag \d{1,2} [a-z]+ om 10:00\)/);
    expect(due.stdout).not.toMatch(/UTC|\d{4}-\d{2}-\d{2}/);
    expect((await runCli(['poll', 'run-due', '--now', nextTuesday(10, 0, 30), '--store', store])).stdout).toContain('geplaatst: 0');
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.params.text)).toContain('Het kerstpakket');
    expect((await runCli(['poll', 'run-due', '--now', nextTuesday(10, 0, 0, 3), '--store', store])).stdout).toContain('gesloten met uitslag: 1');
    expect((await runCli(['poll', 'annuleer', code ?? '', '--store', store])).stdout).toContain('geannuleerd');
    expect((await runCli(['poll', 'lijst', '--store', store])).stdout).toContain('Er zijn geen polls gepland.');
  });

  it('run-due says so and exits non-zero when a poll could not be posted anywhere', async () => {
    const own = sqliteUrl();
    expect((await runCli(['poll', 'plan', '--kanaal', 'teams:19:onbekend@thread.tacv2', '--dag', 'dinsdag', '--tijd', '10:00', '--store', own])).code).toBe(0);
    const due = await runCli(['poll', 'run-due', '--now', nextTuesday(10, 0), '--store', own]);
    expect(due.code).toBe(1);
    expect(due.stderr).toContain('geplaatst: 0 polls');
    expect(due.stderr).toContain('niet geplaatst in 1 kanaal:');
    expect(due.stderr).toContain('teams:19:onbekend@thread.tacv2: Teams is niet ingesteld op deze server');
  });

  it('run-due without any reachable channel exits non-zero, says why and runs nothing', async () => {
    const own = sqliteUrl();
    expect((await runCli(['poll', 'plan', '--kanaal', 'slack:C0WIO0002', '--dag', 'dinsdag', '--tijd', '10:00', '--store', own])).code).toBe(0);
    vi.stubEnv('SLACK_BOT_TOKEN', '');
    vi.stubEnv('SLACK_SIGNING_SECRET', '');
    try {
      const due = await runCli(['poll', 'run-due', '--now', nextTuesday(10, 0), '--store', own]);
      expect(due.code).toBe(2);
      expect(due.stdout).toBe('');
      expect(due.stderr).toContain('Geen kanaal bereikbaar: Slack en Teams zijn op deze server niet ingesteld');
      expect(due.stderr).toContain('SLACK_BOT_TOKEN');
      expect(due.stderr).not.toContain('geplaatst:');
      const now = await runCli(['poll', 'nu', '--kanaal', 'slack:C0WIO0002', '--store', own]);
      expect(now.code).toBe(2);
      expect(now.stderr).toContain('Geen kanaal bereikbaar: Slack is op deze server niet ingesteld');
    } finally {
      vi.stubEnv('SLACK_BOT_TOKEN', 'xoxb-test-token');
      vi.stubEnv('SLACK_SIGNING_SECRET', 'slack-signing-secret-0123456789');
    }
    // The slot was not used up: once Slack is set up, the poll still goes out.
    const later = await runCli(['poll', 'run-due', '--now', nextTuesday(10, 5), '--store', own]);
    expect(later.code).toBe(0);
    expect(later.stdout).toContain('geplaatst: 1 poll');
  });

  it('poll nu that reaches no channel says so and exits non-zero', async () => {
    const own = sqliteUrl();
    const now = await runCli(['poll', 'nu', '--kanaal', 'slack:C0WIO0003', '--kanaal', 'teams:19:x@thread.tacv2', '--store', own]);
    expect(now.code).toBe(1);
    expect(now.stderr).toContain('staat uit in 1 kanaal');
    expect(now.stderr).toContain('Niet geplaatst in 1 kanaal:');
    expect(now.stderr).toContain('teams:19:x@thread.tacv2: Teams is niet ingesteld op deze server');
    const nowhere = await runCli(['poll', 'nu', '--kanaal', 'teams:19:x@thread.tacv2', '--store', own]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('Geen kanaal bereikbaar: Teams is op deze server niet ingesteld');
  });

  it('explains wrong input in Dutch', async () => {
    const wrong = await runCli(['poll', 'plan', '--kanaal', 'C0123', '--dag', 'dinsdag', '--tijd', '10:00', '--store', store]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('schrijf slack:KANAAL-ID of teams:KANAAL-ID');
    const badDay = await runCli(['poll', 'plan', '--kanaal', 'slack:C1', '--dag', 'someday', '--tijd', '25:00', '--store', store]);
    expect(badDay.code).toBe(2);
    expect(badDay.stderr).toContain('--dag: een weekdag: maandag, dinsdag');
    expect(badDay.stderr).toContain('--tijd: een tijd als 10:00');
    expect(badDay.stderr).not.toContain('Welke dag en hoe laat?');
    // Every mistake names the flag, never the chat syntax ("poll plan dinsdag 10:00 …").
    const cases: [string[], string][] = [
      [['poll', 'plan', '--dag', 'dinsdag', '--tijd', '10:00'], '--kanaal: noem minstens één kanaal'],
      [['poll', 'plan', '--kanaal', 'slack:C1', '--tijd', '10:00'], '--dag: een weekdag'],
      [['poll', 'plan', '--kanaal', 'slack:C1', '--dag', 'dinsdag', '--tijd', '10:00', '--dagen', '30'], '--dagen: hoogstens 14 dagen'],
      [['poll', 'nu', '--kanaal', 'slack:C1', '--dagen', 'drie'], '--dagen: een aantal dagen'],
      [['poll', 'nu'], '--kanaal: noem minstens één kanaal'],
      [['poll', 'plannen'], 'Onbekende opdracht "poll plannen". Gebruik: gedragsbot poll plan --kanaal'],
      [['poll', 'annuleer'], 'gedragsbot poll annuleer CODE'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli([...args, '--store', store]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain(message);
      expect(result.stderr, args.join(' ')).not.toMatch(/"poll plan dinsdag|Welke dag|Geef het commando in een kanaal/);
    }
    const unknown = await runCli(['poll', 'annuleer', 'abcdef12', '--store', store]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Ik vind geen lopend plan');
    expect((await runCli(['poll', 'run-due', '--now', 'gisteren', '--store', store])).stderr).toContain('gebruik een ISO-tijd');
  });
});
