import type { PollCommands } from './commands.js';
import type { PollScheduler } from './scheduler.js';

/** What a channel needs for polls: votes go to the scheduler, "poll …" to the commands. */
export interface PollServices {
  scheduler: PollScheduler;
  commands: PollCommands;
  now(): Date;
}

/** "stem:<poll id>:<option>", the value of a vote button. */
export function readVote(value: string): { pollId: string; optionId: string } | null {
  const match = /^stem:([0-9a-f-]{36}):([a-d])$/.exec(value);
  return match?.[1] && match[2] ? { pollId: match[1], optionId: match[2] } : null;
}
