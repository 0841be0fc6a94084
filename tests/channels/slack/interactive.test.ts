import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeSlackApi, type SlackCall } from '../../helpers/fake-slack.js';
import { type RunningServer, startServer } from '../../helpers/server.js';
import { postPayload, postSigned, SIGNING_SECRET, slackFixture, waitFor } from '../../helpers/slack-requests.js';

let running: RunningServer;
let slack: Awaited<ReturnType<typeof fakeSlackApi>>;
const OWNER = 'slack:U0ABC1234';

beforeAll(async () => {
  slack = await fakeSlackApi();
  running = await startServer({ slack: { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: slack.url } });
});

afterAll(async () => {
  await running.close();
  await slack.close();
});

const calls = (method: string) => slack.calls.filter((c) => c.method === method);
const nth = (method: string, n: number) => waitFor<SlackCall>(() => calls(method)[n - 1], `${method} #${String(n)}`);

let nextEvent = 1;
function dm(text: string) {
  const event = JSON.parse(slackFixture('message-im.json')) as { event_id: string; event: { text: string; ts: string } };
  event.event_id = `Ev0DM${String(nextEvent++).padStart(6, '0')}`;
  event.event.text = text;
  return JSON.stringify(event);
}

describe('Slack App Home, modals and registrations', () => {
  it('publishes the App Home with the menu when it is opened', async () => {
    expect((await postSigned(running.base, slackFixture('app-home-opened.json'))).status).toBe(200);
    const publish = await nth('views.publish', 1);
    expect(publish.params.user_id).toBe('U0ABC1234');
    const view = JSON.stringify(publish.params.view);
    expect(view).toContain('"type":"home"');
    const menu = ['Geef me een dilemma', 'Geschenk registreren', 'Nevenwerkzaamheid registreren', 'Mijn registraties', 'Praat met een vertrouwenspersoon', 'Wat bewaren we?'];
    for (const item of menu) {
      expect(view).toContain(item);
    }
  });

  it('question → answer → button → modal → stored → confirmation', async () => {
    await postSigned(running.base, dm('Een leverancier gaf me een doos bonbons van 15 euro, mag dat?'));
    const answer = await nth('chat.postMessage', 1);
    expect(String(answer.params.text)).toContain('Ja');
    const button = { ...JSON.parse(slackFixture('block-actions.json')) as Record<string, unknown> };
    button.actions = [{ action_id: 'gedragsbot_registreer_geschenk_0', block_id: 'b1', type: 'button', value: 'Ik wil een geschenk registreren', action_ts: '1763800150.0001' }];
    expect((await postPayload(running.base, button)).status).toBe(200);
    const open = await nth('views.open', 1);
    expect(open.params.trigger_id).toBe('123.456.abc');
    type Block = { block_id?: string; element?: Record<string, unknown> };
    const modal = open.params.view as { callback_id: string; private_metadata: string; blocks: Block[] };
    expect(modal.callback_id).toBe('gedragsbot_registratie');
    // The value from the question is already filled in.
    expect(modal.blocks.find((b) => b.block_id === 'valueEuros')?.element?.initial_value).toBe('15');

    const submission = JSON.parse(slackFixture('view-submission.json')) as { view: { state: { values: Record<string, Record<string, Record<string, unknown>>> } } };
    submission.view.state.values.date!.date!.selected_date = '2099-12-31';
    const refused = await postPayload(running.base, submission);
    expect(await refused.json()).toEqual({ response_action: 'errors', errors: { date: 'die datum ligt in de toekomst' } });
    expect((await running.services.registers.listOwn(OWNER)).gifts).toEqual([]);

    submission.view.state.values.date!.date!.selected_date = '2026-11-20';
    const accepted = await postPayload(running.base, submission);
    expect(accepted.status).toBe(200);
    const confirmation = await nth('chat.postMessage', 2);
    expect(confirmation.params.channel).toBe('D0ABC1234');
    expect(String(confirmation.params.text)).toContain('Opgeslagen in het geschenkenregister');
    expect((await running.services.registers.listOwn(OWNER)).gifts).toEqual([
      expect.objectContaining({ description: 'Doos bonbons', valueEuros: 15, giverOrg: 'Schoonmaakbedrijf Glans', outcome: 'gedeeld' }),
    ]);
  });

  it('a registration finished in the chat is stored once, also when Slack delivers "Opslaan" again', async () => {
    const before = (await running.services.registers.listOwn(OWNER)).sideJobs.length;
    const turns = ['Ik wil mijn nevenfunctie registreren', 'Nevenwerk of -functie', 'Hockeyclub De Uil', 'trainer', 'Onbetaald', '3', 'september 2024', 'Geen einddatum', 'Geen van deze', 'Nee'];
    let posted = calls('chat.postMessage').length;
    for (const text of turns) {
      await postSigned(running.base, dm(text));
      posted += 1;
      await nth('chat.postMessage', posted);
    }
    expect(String(calls('chat.postMessage').at(-1)?.params.text)).toContain('Klopt dit?');
    const save = dm('Opslaan');
    await postSigned(running.base, save);
    await nth('chat.postMessage', posted + 1);
    expect((await postSigned(running.base, save, { retry: '1' })).status).toBe(200);
    expect((await postSigned(running.base, save, { retry: '2' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls('chat.postMessage')).toHaveLength(posted + 1);
    expect((await running.services.registers.listOwn(OWNER)).sideJobs).toHaveLength(before + 1);
  });

  it('the meldwijzer by buttons in a direct message, ending in routes whose numbers and addresses are links', async () => {
    let posted = calls('chat.postMessage').length;
    const blocksOf = (call: SlackCall) => JSON.stringify(call.params.blocks);
    const press = async (actionId: string, value: string) => {
      const payload = { ...JSON.parse(slackFixture('block-actions.json')) as Record<string, unknown> };
      payload.actions = [{ action_id: actionId, block_id: 'b1', type: 'button', value, action_ts: '1763800150.0002' }];
      expect((await postPayload(running.base, payload)).status).toBe(200);
      posted += 1;
      return nth('chat.postMessage', posted);
    };
    await postSigned(running.base, dm('Waar kan ik dit melden?'));
    posted += 1;
    const first = blocksOf(await nth('chat.postMessage', posted));
    expect(first).toContain('"action_id":"gedragsbot_meldwijzer_soort_4","text":{"type":"plain_text","text":"Een datalek"');
    expect(first).toContain('"value":"datalek"');
    const second = blocksOf(await press('gedragsbot_meldwijzer_soort_4', 'datalek'));
    expect(second).toContain('72 uur');
    expect(second).toContain('"value":"datalek:melden"');
    const routes = blocksOf(await press('gedragsbot_meldwijzer_keuze_1', 'datalek:melden'));
    expect(routes).toContain('<tel:0307004321|030 700 4321>');
    expect(routes).toContain('<mailto:privacy@gemeente.example|privacy@gemeente.example>');
    expect(routes).toContain('<https://intranet.gemeente.example/privacy/datalek-melden|intranet.gemeente.example/privacy/datalek-melden>');
    expect(routes).not.toContain('Klokkenluiders');
  });
});
