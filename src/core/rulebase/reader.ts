import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { z } from 'zod';
import type { RuleBaseProblem } from '../errors.js';

/**
 * Reads the JSON files of a rule base, each checked with its zod schema. Every problem is collected with
 * the file, the JSON path (or line and column for a syntax error) and what was expected, so one run of
 * `rules check` names them all.
 */
function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

type Issue = z.core.$ZodIssue;

/**
 * A condition is one of several shapes, so zod reports a mistake deep inside it
 * as "no shape fits" at the top. Follow the shape that got furthest instead, so
 * the path points at the operator or fact that is actually wrong.
 */
function deepestIssues(issue: Issue, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path, message: issue.message }];
  // A branch whose keys are missing or foreign is the wrong shape; among the right ones, the deepest wins.
  const wrongShape = (branch: Issue[]) =>
    branch.filter(
      (i) =>
        i.code === 'unrecognized_keys' || (i.code === 'invalid_type' && /received undefined/.test(i.message)),
    ).length;
  const depth = (branch: Issue[]) =>
    Math.max(...branch.map((i) => i.path.length + (i.code === 'invalid_union' ? 1 : 0)));
  const best
    = [...issue.errors].sort((a, b) => wrongShape(a) - wrongShape(b) || depth(b) - depth(a))[0] ?? [];
  if (wrongShape(best) > 0 && best.length > 0 && issue.errors.every((b) => wrongShape(b) > 0)) {
    return [{ path, message: issue.message }];
  }
  return best.flatMap((i) => deepestIssues(i, path));
}

const SYNTAX_ERRORS: Record<string, string> = {
  InvalidSymbol: 'ongeldig teken',
  InvalidNumberFormat: 'ongeldig getal',
  PropertyNameExpected: 'naam tussen aanhalingstekens verwacht',
  ValueExpected: 'waarde verwacht',
  ColonExpected: 'dubbele punt verwacht',
  CommaExpected: 'komma verwacht',
  CloseBraceExpected: '} verwacht',
  CloseBracketExpected: '] verwacht',
  EndOfFileExpected: 'einde van het bestand verwacht',
  InvalidCommentToken: 'commentaar mag niet in JSON',
  UnexpectedEndOfString: 'tekst zonder afsluitend aanhalingsteken',
  UnexpectedEndOfNumber: 'onvolledig getal',
  InvalidEscapeCharacter: 'ongeldige escape',
  InvalidCharacter: 'ongeldig teken',
};

/** Where a syntax error is, as a person counts: "regel 3, kolom 18". */
function syntaxError(text: string): { where: string; what: string } {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return { where: '$', what: 'onverwacht einde' };
  const before = text.slice(0, first.offset).split('\n');
  return {
    where: `regel ${before.length}, kolom ${(before.at(-1)?.length ?? 0) + 1}`,
    what: SYNTAX_ERRORS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error),
  };
}

function displayName(dir: string, file: string): string {
  const full = join(dir, file);
  const near = relative(process.cwd(), full);
  return near && !near.startsWith('..') ? near : full;
}

export class Reader {
  readonly problems: RuleBaseProblem[] = [];
  constructor(private readonly dir: string) {}

  read<T extends z.ZodType>(file: string, schema: T): z.infer<T> | undefined {
    const name = displayName(this.dir, file);
    let text: string;
    try {
      text = readFileSync(join(this.dir, file), 'utf8');
    } catch (cause) {
      const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
      this.problems.push({
        file: name,
        path: '$',
        message: missing ? 'bestand ontbreekt' : `niet te lezen (${String(cause)})`,
      });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const { where, what } = syntaxError(text);
      this.problems.push({ file: name, path: where, message: `geen geldige JSON (${what})` });
      return undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        for (const deep of deepestIssues(issue)) {
          this.problems.push({ file: name, path: jsonPath(deep.path), message: deep.message });
        }
      }
      return undefined;
    }
    return parsed.data;
  }

  problem(file: string, path: string, message: string): void {
    this.problems.push({ file: displayName(this.dir, file), path, message });
  }
}
