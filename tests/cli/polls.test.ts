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
    expect(due.stdout).toMatch(/geplaatst: 1 \(\d{4}-\d{2}-\d{2}T10:00\)/);
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
    expect(due.stderr).toContain('geplaatst: 0');
    expect(due.stderr).toContain('niet geplaatst: 1');
    expect(due.stderr).toContain('teams:19:onbekend@thread.tacv2: Teams-kanaal 19:onbekend@thread.tacv2 is onbekend');
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
    expect((await runCli(['poll', 'run-due', '--now', 'gisteren', '--store', store])).stderr).toContain('gebruik een ISO-tijd');
  });
});
