#!/usr/bin/env node
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { loadConfig, packageRoot } from '../../config.js';

/**
 * `npm run package:teams`: the upload zip for Teams (manifest.json and the two
 * icons), with the bot's app id from MICROSOFT_APP_ID filled in.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamsPackage(appId: string, root: string = packageRoot()): Uint8Array {
  if (!GUID.test(appId)) {
    throw new Error(`MICROSOFT_APP_ID moet de app-id van de bot zijn (een GUID zoals 1a2b3c4d-…), niet "${appId}".`);
  }
  const dir = join(root, 'manifests', 'teams');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    id: string;
    bots: { botId: string }[];
  };
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = appId;
  return zipSync({
    'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
    'color.png': readFileSync(join(dir, 'color.png')),
    'outline.png': readFileSync(join(dir, 'outline.png')),
  });
}

if (process.argv[1]?.endsWith('package.js')) {
  try {
    const out = join(packageRoot(), 'dist', 'gedragsbot-teams.zip');
    const appId = loadConfig().microsoftAppId;
    if (!appId) throw new Error('Stel MICROSOFT_APP_ID in (de app-id van de bot in Azure); zie .env.example.');
    writeFileSync(out, teamsPackage(appId));
    process.stdout.write(`Teams-app geschreven naar ${out}; upload die in Teams (Apps → Een app beheren → Een app uploaden).\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
