import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';

/** Versioned migrations, applied in name order at start; never edit one that has shipped, add the next. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
