import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../helpers/server.js';

const TOKEN = 'hr-token-0123456789abcdef-xyz';
let running: RunningServer;
let base: string;

beforeAll(async () => {
  running = await startServer({ hrToken: TOKEN });
  base = running.base;
});

afterAll(async () => {
  await running.close();
});

interface ChatBody {
  reply?: { intent: string; verdict: string; amount: number | null };
  card?: { body: { text: string }[] };
  error?: string;
}

async function chat(text: string, cookie?: string) {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ text }),
  });
  const body = (await response.json()) as ChatBody;
  return { status: response.status, body, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie };
}

describe('the server on one port', () => {
  it('/healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the web chat page, its script, style, colours and favicon', async () => {
    const page = await (await fetch(`${base}/`)).text();
    expect(page).toContain('<script src="/static/chat.js"></script>');
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    for (const asset of ['/static/chat.js', '/static/chat.css', '/static/huisstijl.css', '/favicon.svg', '/static/logo']) {
      expect((await fetch(`${base}${asset}`)).status, asset).toBe(200);
    }
    expect(await (await fetch(`${base}/favicon.svg`)).text()).toMatch(/^<svg /);
  });

  it('/api/chat answers with a card and keeps the conversation by cookie', async () => {
    const first = await chat('Mag ik een fles wijn aannemen?');
    expect(first.body.reply).toMatchObject({ intent: 'geschenk', verdict: 'vraag' });
    expect(first.body.card?.body[0]?.text).toContain('Wat is de geschatte waarde?');
    expect(first.cookie).toMatch(/^gedragsbot_web=[0-9a-f-]{36}$/);
    const second = await chat('ongeveer 70 euro', first.cookie);
    expect(second.body.reply).toMatchObject({ verdict: 'niet_toegestaan', amount: 70 });
    const stranger = await chat('ongeveer 70 euro');
    expect(stranger.body.reply?.intent).toBe('onbekend');
  });

  it('/api/chat refuses what is not a question as text, kindly', async () => {
    const response = await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": 42}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Stuur je vraag als tekst.' });
  });

  it('/api/stats is for HR only: 401 without the token, JSON and CSV with it, 400 on a bad option', async () => {
    expect((await fetch(`${base}/api/stats`)).status).toBe(401);
    expect((await fetch(`${base}/api/stats`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const auth = { authorization: `Bearer ${TOKEN}` };
    const json = await fetch(`${base}/api/stats?by=intent`, { headers: auth });
    expect(json.status).toBe(200);
    expect(await json.json()).toMatchObject({ by: 'intent', rows: expect.any(Array) });
    const csv = await fetch(`${base}/api/stats?by=month&format=csv&from=2026-01-01&to=2026-02-28`, { headers: auth });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    // An empty store has no data for those months: one line that says so, not rows of zeros.
    expect(await csv.text()).toBe('maand;aantal\r\n2026-01 t/m 2026-02;geen gegevens\r\nTotaal;0\r\n');
    const bad = await fetch(`${base}/api/stats?by=dag`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('--by');
  });
});
