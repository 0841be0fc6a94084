import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseText } from '../../helpers/database-text.js';
import { fakeSlackApi, type FakeSlack, type SlackCall } from '../../helpers/fake-slack.js';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { postPayload, postSigned, SIGNING_SECRET, slackFixture, waitFor } from '../../helpers/slack-requests.js';
import { ask, lastCard, launch, openChat, press } from '../../helpers/webchat.js';

/**
 * A question to the coordinator from the web chat in Chromium, answered in the coordinators' Slack channel.
 * The web chat cannot be written to, so the answer is shown when the visitor comes back (or asks for the
 * status); the visitor's cookie is searched for in the channel and the database.
 */
const COORDINATOR = 'U0COORD02';
const INBOX = 'C0INBOX02';
const CODE = /V-[2-9A-HJ-NP-Z]{5}/;
let slack: FakeSlack;
let running: RunningServer;
let browser: Browser;

beforeAll(async () => {
  slack = await fakeSlackApi();
  running = await startServer({
    slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.url },
    coordinators: [`slack:${COORDINATOR}`],
    secret: 'web-journey-secret-of-at-least-thirty-two-chars',
    questions: { inbox: [{ platform: 'slack', channel: INBOX }], keepDays: 30, reminderWorkingDays: 3 },
  });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser.close();
  await running.close();
  await slack.close();
});

const inbox = () => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === INBOX);
const text = (call: SlackCall) => `${String(call.params.text)} ${JSON.stringify(call.params.blocks ?? [])}`;

let nextEvent = 1;
async function coordinatorSays(interaction: { text: string } | { action: string; value: string }): Promise<void> {
  if ('text' in interaction) {
    const event = JSON.parse(slackFixture('message-im.json')) as { event_id: string; event: Record<string, string> };
    event.event_id = `Ev0W${String(nextEvent++).padStart(8, '0')}`;
    event.event = { ...event.event, text: interaction.text, user: COORDINATOR, channel: 'D0COORD02' };
    expect((await postSigned(running.base, JSON.stringify(event))).status).toBe(200);
    return;
  }
  const payload = JSON.parse(slackFixture('block-actions.json')) as Record<string, unknown>;
  payload.user = { id: COORDINATOR, username: 'c', name: 'c', team_id: 'T0ABC1234' };
  payload.channel = { id: INBOX, name: 'integriteit-vragen' };
  payload.actions = [{ action_id: `gedragsbot_${interaction.action}_0`, block_id: 'b', type: 'button', value: interaction.value, action_ts: '1763800002.000300' }];
  expect((await postPayload(running.base, payload)).status).toBe(200);
}

describe('a question to the coordinator from the web chat', () => {
  it('is put, answered, followed up both ways and closed, and the visitor is never in the channel or the database', async () => {
    const page = await browser.newPage({ reducedMotion: 'reduce' });
    await openChat(page, running.base);
    await ask(page, 'Ik wil een vraag anoniem stellen aan de integriteitscoördinator');
    expect(await lastCard(page)).toContain('niet wie hem stelt');
    await ask(page, 'Mag ik als beleidsmedewerker op persoonlijke titel reageren op een inspraakavond over een windpark?');
    expect(await lastCard(page)).toContain('Klopt hij zo?');
    await press(page, 'Versturen');
    const code = CODE.exec(await lastCard(page))?.[0];
    expect(code).toBeDefined();
    const cookie = (await page.context().cookies()).find((c) => c.value.length >= 32)?.value;
    expect(cookie).toBeDefined();

    await running.server.outreach.tick(new Date());
    const arrived = await waitFor(() => inbox().find((c) => text(c).includes(code!)), 'de vraag in het kanaal');
    expect(text(arrived)).toContain('windpark');

    await coordinatorSays({ action: 'vraag_beantwoorden', value: code! });
    await coordinatorSays({ text: 'Dat mag, zolang je duidelijk maakt dat je niet namens de gemeente spreekt.' });
    await coordinatorSays({ action: 'vraag_versturen', value: '' });

    // Coming back: the answer is there before anything else.
    await ask(page, `status ${code!}`);
    const shown = (await page.locator('.bot').allInnerTexts()).join('\n');
    expect(shown).toContain('niet namens de gemeente spreekt');

    await press(page, 'Reageren');
    await ask(page, 'En als een wethouder mij daarna aanspreekt?');
    await press(page, 'Versturen');
    await running.server.outreach.tick(new Date());
    await waitFor(() => inbox().find((c) => text(c).includes('wethouder mij daarna')), 'de reactie in het kanaal');
    await coordinatorSays({ action: 'vraag_beantwoorden', value: code! });
    await coordinatorSays({ text: 'Verwijs dan vriendelijk naar je leidinggevende.' });
    await coordinatorSays({ action: 'vraag_versturen', value: '' });
    await ask(page, `status ${code!}`);
    expect((await page.locator('.bot').allInnerTexts()).join('\n')).toContain('Verwijs dan vriendelijk');

    await page.locator('.bot').last().getByRole('button', { name: 'Vraag sluiten', exact: true }).click();
    await page.locator('.bot', { hasText: 'is gesloten' }).last().waitFor();
    expect(await running.services.questions(30).askerOf(code!)).toBeNull();
    expect(JSON.stringify(inbox())).not.toContain(cookie!);
    expect(await databaseText(running.services.store)).not.toContain(cookie!);
    await page.close();
  }, 60_000);
});
