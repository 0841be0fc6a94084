/**
 * Every failure the bot can explain carries a code (for logs and tests) and the
 * cause; people only ever see the text behind `userText`, which is kind Dutch.
 */
export type ErrorCode
  = | 'RULEBASE_INVALID'
    | 'CONFIG_INVALID'
    | 'INPUT_INVALID'
    | 'STATE_UNAVAILABLE'
    | 'STORE_UNAVAILABLE'
    | 'NOT_FOUND'
    | 'FORBIDDEN'
    | 'PLATFORM_UNAVAILABLE'
    | 'INTERNAL';

export class GedragsbotError extends Error {
  readonly code: ErrorCode;
  /** The key of the sentence people see (rules/teksten); `message` is for the log. */
  readonly userText: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; userText?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GedragsbotError';
    this.code = code;
    this.userText = options.userText ?? 'fout.algemeen';
  }
}

export interface RuleBaseProblem {
  file: string;
  /** JSON path inside the file, e.g. `$.regels[2].conditions.all[0].operator`. */
  path: string;
  message: string;
}

export class RuleBaseError extends GedragsbotError {
  readonly problems: RuleBaseProblem[];

  constructor(problems: RuleBaseProblem[]) {
    super('RULEBASE_INVALID', `De regelbasis is ongeldig:\n${problems.map(formatProblem).join('\n')}`);
    this.problems = problems;
  }
}

export function formatProblem(p: RuleBaseProblem): string {
  return `  ${p.file}: ${p.path}: ${p.message}`;
}
