import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { teamsPackage } from '../../../src/channels/teams/package.js';
import { ROOT } from '../../helpers/cli.js';

const require = createRequire(import.meta.url);
// Both are CommonJS with a default export; this is the part of Ajv the test uses.
interface Validator {
  (data: unknown): boolean;
  errors?: unknown;
}
interface AjvLike {
  compile(schema: object): Validator;
}
const Ajv = (require('ajv-draft-04') as { default: new (options: object) => AjvLike }).default;
const addFormats = (require('ajv-formats') as { default: (ajv: AjvLike) => void }).default;
const SCHEMA = require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.22/MicrosoftTeams.schema.json');
const APP_ID = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

function pngSize(png: Uint8Array): [number, number] {
  const view = Buffer.from(png);
  expect(view.subarray(1, 4).toString()).toBe('PNG');
  return [view.readUInt32BE(16), view.readUInt32BE(20)];
}

describe('the Teams app package', () => {
  it('holds manifest.json and two PNGs of the right sizes, with the bot id filled in, and the manifest validates offline', () => {
    const files = unzipSync(teamsPackage(APP_ID, ROOT));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(pngSize(files['color.png']!)).toEqual([192, 192]);
    expect(pngSize(files['outline.png']!)).toEqual([32, 32]);
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as { id: string; bots: { botId: string }[] };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
    // The schema bundled with @microsoft/app-manifest, so the check needs no network.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses a bot id that is not a GUID, saying what to set', () => {
    expect(() => teamsPackage('mijn-bot', ROOT)).toThrow(/MICROSOFT_APP_ID moet de app-id van de bot zijn/);
  });

  it('the Slack manifest declares the slash command, events, interactivity and App Home', () => {
    const yaml = readFileSync(join(ROOT, 'manifests', 'slack', 'manifest.yaml'), 'utf8');
    for (const needle of ['command: /integriteit', 'app_mention', 'message.im', 'app_home_opened', 'home_tab_enabled: true', 'interactivity:', 'socket_mode_enabled:', 'chat:write', 'commands']) {
      expect(yaml).toContain(needle);
    }
  });
});
