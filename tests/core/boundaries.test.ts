import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CORE = fileURLToPath(new URL('../../src/core', import.meta.url));
const FORBIDDEN
  = /from\s+['"](@slack\/|botbuilder|botframework|@microsoft\/|pg|better-sqlite3|kysely|node:http|express)/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('src/core is the domain', () => {
  it('imports no Slack, Teams, HTTP or database package', () => {
    const files = filesUnder(CORE).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const leaks = files.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8')));
    expect(leaks).toEqual([]);
  });
});

describe('one config module', () => {
  it('nothing but src/config.ts reads the environment', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const readers = filesUnder(src)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('/config.ts'))
      .filter((f) => readFileSync(f, 'utf8').includes('process.env'));
    expect(readers).toEqual([]);
  });
});

describe('platform JSON stays in its channel folder', () => {
  it('no Block Kit or Adaptive Card shapes outside src/channels', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const leaks = filesUnder(src)
      .filter((f) => f.endsWith('.ts') && !f.includes('/channels/'))
      .filter((f) => /'AdaptiveCard'|'Action\.Submit'|type: 'section'|'mrkdwn'/.test(readFileSync(f, 'utf8')));
    expect(leaks).toEqual([]);
  });
});

describe('channels only translate', () => {
  it('no channel folder reaches past the engine into the bot, understanding, rules, registers\' logic or poll commands', () => {
    const channels = fileURLToPath(new URL('../../src/channels', import.meta.url));
    // What a channel may know of the core: the engine and its Turn/Outcome, the neutral message and form
    // models it renders, poll cards and the vote button's format, the shared ports (a Sender for what the bot
    // sends on its own, and the Address it sends to) and errors.
    const allowed = new Set([
      'channels', 'engine/engine', 'engine/interaction', 'errors', 'usage', 'messages/model',
      'polls/messages', 'polls/model', 'polls/ports', 'polls/services', 'registers/form', 'registers/model',
      'outreach/deliver', 'outreach/model',
    ]);
    const reaches = filesUnder(channels)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from\s+'(?:\.\.\/)+core\/([^']+)\.js'/g)].map((m) => `${f.slice(channels.length)} → ${m[1] ?? ''}`))
      .filter((line) => !allowed.has(line.split(' → ')[1] ?? ''));
    expect(reaches).toEqual([]);
  });
});
