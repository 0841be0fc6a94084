import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Facts } from './facts.js';
import type { RuleBase } from './load.js';
import { type AnswerEvent, type Condition, INTENTS, type Intent, type RuleDefinition } from './schema.js';

/**
 * Runs the rule base's json-rules-engine rules on the facts of one question.
 * The engine is split per topic, so a question about gifts never evaluates the
 * rules about side jobs; the rule with the highest priority that holds wins.
 */
export type Answer = AnswerEvent['params'] & { rule: string };

/** Distinct fact combinations remembered; the answer is a pure function of the facts. */
const MEMO_LIMIT = 10_000;

function intentOf(rule: RuleDefinition): Intent | null {
  if (!('all' in rule.conditions)) return null;
  for (const c of rule.conditions.all) {
    if ('fact' in c && c.fact === 'intent' && c.operator === 'equal' && typeof c.value === 'string') {
      return (INTENTS as readonly string[]).includes(c.value) ? (c.value as Intent) : null;
    }
  }
  return null;
}

function factsIn(condition: Condition, into: Set<string>): void {
  if ('all' in condition) for (const c of condition.all) factsIn(c, into);
  else if ('any' in condition) for (const c of condition.any) factsIn(c, into);
  else if ('not' in condition) factsIn(condition.not, into);
  else {
    into.add(condition.fact);
    if (condition.value && typeof condition.value === 'object' && 'fact' in condition.value)
      into.add(condition.value.fact);
  }
}

export class RuleEvaluator {
  private readonly engines = new Map<Intent, Engine>();
  private readonly answers = new Map<string, Answer>();
  private readonly memo = new Map<string, Answer | null>();
  /** Only these facts can change an answer, so only they make up the memo key. */
  private readonly usedFacts: (keyof Facts)[];

  constructor(ruleBase: RuleBase) {
    const used = new Set<string>(['intent']);
    for (const rule of ruleBase.rules) factsIn(rule.conditions, used);
    this.usedFacts = [...used].sort() as (keyof Facts)[];
    const general = ruleBase.rules.filter((r) => intentOf(r) === null);
    for (const rule of ruleBase.rules) this.answers.set(rule.name, { ...rule.event.params, rule: rule.name });
    for (const intent of INTENTS) {
      const engine = new Engine([], { allowUndefinedFacts: true });
      for (const rule of [...ruleBase.rules.filter((r) => intentOf(r) === intent), ...general]) {
        // The engine copies every event it fires; it only needs to name the rule, the texts stay here.
        const slim: RuleProperties = {
          ...(rule as unknown as RuleProperties),
          event: { type: 'antwoord', params: { rule: rule.name } },
        };
        engine.addRule(slim);
      }
      this.engines.set(intent, engine);
    }
  }

  /** The answer of the highest-priority rule that holds; null when no rule covers the facts. */
  async evaluate(facts: Facts): Promise<Answer | null> {
    const key = JSON.stringify(this.usedFacts.map((name) => facts[name]));
    const known = this.memo.get(key);
    if (known !== undefined) return known;
    const answer = await this.run(facts);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, answer);
    return answer;
  }

  private async run(facts: Facts): Promise<Answer | null> {
    const engine = this.engines.get(facts.intent as Intent);
    if (!engine) return null;
    const { results } = await engine.run({ ...facts });
    let winner: { priority: number; name: string } | null = null;
    for (const result of results) {
      const priority = result.priority ?? 1;
      if (!winner || priority > winner.priority) winner = { priority, name: result.name };
    }
    return winner ? (this.answers.get(winner.name) ?? null) : null;
  }
}

const evaluators = new WeakMap<RuleBase, RuleEvaluator>();

/** One evaluator (engines and memo) per loaded rule base, however many conversations use it. */
export function evaluatorFor(ruleBase: RuleBase): RuleEvaluator {
  let evaluator = evaluators.get(ruleBase);
  if (!evaluator) {
    evaluator = new RuleEvaluator(ruleBase);
    evaluators.set(ruleBase, evaluator);
  }
  return evaluator;
}
