import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
// The Teams schemas bundled with @microsoft/app-manifest (v1.0 … v1.30, vDevPreview), so the check needs no network.
const SCHEMAS = join(dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
const MANIFEST_VERSION = '1.30';
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
    const manifest = JSON.parse(Buffer.from(files['manifest.json']!).toString('utf8')) as {
      $schema: string;
      manifestVersion: string;
      id: string;
      bots: { botId: string }[];
    };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]?.botId).toBe(APP_ID);
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const schema = join(SCHEMAS, `v${MANIFEST_VERSION}`, 'MicrosoftTeams.schema.json');
    const validate = ajv.compile(JSON.parse(readFileSync(schema, 'utf8')) as object);
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is on the newest manifest schema that @microsoft/app-manifest bundles (so it validates offline)', () => {
    const versions = readdirSync(SCHEMAS)
      .map((name) => /^v(\d+)\.(\d+)$/.exec(name))
      .filter((m) => m !== null)
      .map((m) => [Number(m[1]), Number(m[2])] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const newest = versions.at(-1)?.join('.');
    expect(newest, 'a newer Teams schema is bundled: move manifests/teams/manifest.json and MANIFEST_VERSION to it').toBe(MANIFEST_VERSION);
  });

  it('refuses a bot id that is not a GUID, saying what to set', () => {
    expect(() => teamsPackage('mijn-bot', ROOT)).toThrow(/MICROSOFT_APP_ID moet de app-id van de bot zijn/);
  });
});
