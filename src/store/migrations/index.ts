import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './001-initial.js';
import { usageRollups } from './002-usage-rollups.js';
import { channelTargets } from './003-channel-targets.js';
import { polls } from './004-polls.js';
import { handledEvents } from './005-handled-events.js';
import { settingsAndRuns } from './006-settings-and-runs.js';
import { coordinatorQuestions } from './007-coordinator-questions.js';
import { outbox } from './008-outbox.js';
import { signIn } from './010-sign-in.js';
import { decisions } from './011-decisions.js';

/** Versioned migrations, applied in name order at start; never edit one that has shipped, add the next. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-usage-rollups': usageRollups,
  '003-channel-targets': channelTargets,
  '004-polls': polls,
  '005-handled-events': handledEvents,
  '006-settings-and-runs': settingsAndRuns,
  '007-coordinator-questions': coordinatorQuestions,
  '008-outbox': outbox,
  '010-sign-in': signIn,
  '011-decisions': decisions,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
