import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleBaseError } from '../../../src/core/errors.js';
import { loadRuleBase } from '../../../src/core/rulebase/load.js';
import { copyOfRules, editJson } from '../../helpers/rulebase.js';

function problemsOf(dir: string) {
  try {
    loadRuleBase(dir);
  } catch (error) {
    if (error instanceof RuleBaseError) return error.problems;
    throw error;
  }
  throw new Error('the rule base loaded without problems');
}

type RuleFile = { regels: Record<string, unknown>[] };

describe('loadRuleBase rejects a bad rule base with file, JSON path and what was expected', () => {
  it('an unknown operator', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'geschenken.json'), (f) => {
        const rule = (f as unknown as RuleFile).regels[3] as { conditions: { all: { operator: string }[] } };
        (rule.conditions.all[1] as { operator: string }).operator = 'gretherThan';
      });
    },
    );
    const [problem] = problemsOf(dir);
    expect(problem?.file).toMatch(/geschenken\.json$/);
    expect(problem?.path).toBe('$.regels[3].conditions.all[1].operator');
    expect(problem?.message).toContain('onbekende operator "gretherThan"');
    expect(problem?.message).toContain('greaterThan');
  });

  it('a missing event', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'uitnodigingen.json'), (f) => {
        delete (f as unknown as RuleFile).regels[1]?.event;
      });
    },
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        file: expect.stringMatching(/uitnodigingen\.json$/),
        path: '$.regels[1].event',
      }),
    );
  });

  it('a file that is not JSON, with line and column', () => {
    const dir = copyOfRules((d) => {
      writeFileSync(join(d, 'informatie.json'), '{\n  "regels": [\n    { "name": "x", }\n  ]\n}\n');
    },
    );
    const [problem] = problemsOf(dir);
    expect(problem?.file).toMatch(/informatie\.json$/);
    expect(problem?.path).toMatch(/^regel 3, kolom \d+$/);
    expect(problem?.message).toContain('geen geldige JSON');
  });

  it('an unknown fact, verdict or action', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'belangen.json'), (f) => {
        const rule = (f as unknown as RuleFile).regels[0] as {
          conditions: { all: { fact: string }[] };
          event: { params: { verdict: string; acties: string[] } };
        };
        (rule.conditions.all[0] as { fact: string }).fact = 'intnet';
        rule.event.params.verdict = 'misschien';
        rule.event.params.acties = ['bel_de_baas'];
      });
    },
    );
    const paths = problemsOf(dir).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.regels[0].conditions.all[0].fact',
        '$.regels[0].event.params.verdict',
        '$.regels[0].event.params.acties[0]',
      ]),
    );
  });

  it('a threshold that is not a positive number and a missing vertrouwenspersoon', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'organisatie.json'), (o) =>
        Object.assign(o, { geschenkDrempel: -5, vertrouwenspersonen: [] }),
      );
    },
    );
    expect(problemsOf(dir).map((p) => p.path)).toEqual(['$.geschenkDrempel', '$.vertrouwenspersonen']);
  });

  it('a concept in a rule that begrippen.json does not define', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'geschenken.json'), (f) => {
        const rules = f.regels as { conditions: { all: unknown[] } }[];
        rules[0]!.conditions.all.push({ fact: 'concepts', operator: 'contains', value: 'cadeautjes' });
      });
    },
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ message: 'onbekend begrip "cadeautjes"' }),
    );
  });

  it('a missing rules folder', () => {
    expect(problemsOf('/nonexistent/rules').length).toBeGreaterThan(0);
  });

  it('two rules with the same name', () => {
    const dir = copyOfRules((d) => {
      editJson(join(d, 'belangen.json'), (f) => {
        (f as unknown as RuleFile).regels[0]!.name = 'help';
      });
    },
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining('"help" staat ook in') }),
    );
  });
});
