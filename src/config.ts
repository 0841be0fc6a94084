import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { GedragsbotError } from './core/errors.js';

/**
 * The one place that reads the environment. Every key is listed in
 * .env.example; a wrong value stops the start with a message saying what to set.
 */

/** The folder holding this package's package.json, whether running from src/ (tests) or dist/ (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'gedragsbot') {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new GedragsbotError('INTERNAL', 'package.json van gedragsbot niet gevonden');
    dir = parent;
  }
}

const schema = z.object({
  GEDRAGSBOT_RULES_DIR: z.string().min(1).optional(),
  GEDRAGSBOT_STATE_TTL_MINUTES: z.coerce
    .number({ error: 'een aantal minuten, bijv. 30' })
    .int('een heel aantal minuten')
    .min(1, 'minstens 1 minuut')
    .max(24 * 60, 'hoogstens 1440 minuten (een dag)')
    .default(30),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'debug, info, warn, error of silent' })
    .default('info'),
});

export interface Config {
  rulesDir: string;
  stateTtlMs: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new GedragsbotError(
      'CONFIG_INVALID',
      `Ongeldige instelling in de omgeving:\n${lines.join('\n')}\nZie .env.example.`,
    );
  }
  const c = parsed.data;
  return {
    rulesDir: resolve(c.GEDRAGSBOT_RULES_DIR ?? join(packageRoot(), 'rules')),
    stateTtlMs: c.GEDRAGSBOT_STATE_TTL_MINUTES * 60_000,
    logLevel: c.LOG_LEVEL,
  };
}
