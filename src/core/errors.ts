/**
 * Every failure the bot can explain carries a code (for logs and tests) and the
 * cause; people only ever see `userMessage`, which is kind Dutch.
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
  readonly userMessage: string;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; userMessage?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GedragsbotError';
    this.code = code;
    this.userMessage
      = options.userMessage
        ?? 'Sorry, er ging bij mij iets mis. Probeer het zo nog eens; je vraag is niet bewaard.';
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
