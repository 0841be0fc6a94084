import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * The server as IT runs it (`npm start` on the built tree), its output captured: every line it prints
 * must be one JSON object (ours, Bolt's, botbuilder's alike), and none may hold a message text.
 */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGKILL');
});

describe('the server log', () => {
  it('is JSON on every line, with stack traces kept and no message texts', async () => {
    const port = await freePort();
    const output: string[] = [];
    child = spawn(process.execPath, ['dist/src/server/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        GEDRAGSBOT_STORE: `sqlite:${join(mkdtempSync(join(tmpdir(), 'gedragsbot-log-')), 'gb.db')}`,
        GEDRAGSBOT_HR_TOKEN: 'hr-token-0123456789abcdef-xyz',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'a-signing-secret-0123456789',
        SLACK_API_URL: 'http://127.0.0.1:9/api/',
        LOG_LEVEL: 'info',
      },
    });
    child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
    const base = `http://127.0.0.1:${String(port)}`;
    for (let i = 0; i < 100; i++) {
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const secret = 'mijn teamleider intimideert me';
    const json = { 'content-type': 'application/json' };
    await fetch(`${base}/api/chat`, { method: 'POST', headers: json, body: JSON.stringify({ text: secret }) });
    await fetch(`${base}/api/chat`, { method: 'POST', headers: json, body: `{"text": "${secret}` });
    await fetch(`${base}/api/messages`, { method: 'POST', headers: json, body: '{}' });
    await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { ...json, 'x-slack-signature': 'v0=bogus', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
      body: JSON.stringify({ type: 'event_callback', event: { type: 'message', text: secret } }),
    });
    await fetch(`${base}/api/stats?from=0001-01-01`, { headers: { authorization: 'Bearer hr-token-0123456789abcdef-xyz' } });
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const lines = output.join('').split('\n').filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { level?: string; msg?: string };
      expect(parsed.level, line).toMatch(/^(debug|info|warn|error|fatal)$/);
      expect(typeof parsed.msg, line).toBe('string');
    }
    const all = lines.join('\n');
    expect(all).not.toContain('intimideert');
    expect(all).toContain('Slack-verzoek geweigerd: handtekening of tijdstempel klopt niet');
    expect(all).toContain('SIGTERM');
  });
});
