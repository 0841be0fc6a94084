import { Engine, type RuleProperties } from 'json-rules-engine';
import type { Facts } from './facts.js';
import type { RuleBase } from './load.js';
import { type AnswerEvent, INTENTS, type Intent, type RuleDefinition } from './schema.js';

/**
 * Runs the rule base's json-rules-engine rules on the facts of one question.
 * The engine is split per topic, so a question about gifts never evaluates the
 * rules about side jobs; the rule with the highest priority that holds wins.
 */
export type Answer = AnswerEvent['params'] & { rule: string };

function intentOf(rule: RuleDefinition): Intent | null {
  if (!('all' in rule.conditions)) return null;
  for (const c of rule.conditions.all) {
    if ('fact' in c && c.fact === 'intent' && c.operator === 'equal' && typeof c.value === 'string') {
      return (INTENTS as readonly string[]).includes(c.value) ? (c.value as Intent) : null;
    }
  }
  return null;
}

export class RuleEvaluator {
  private readonly engines = new Map<Intent, Engine>();

  constructor(ruleBase: RuleBase) {
    const general = ruleBase.rules.filter((r) => intentOf(r) === null);
    for (const intent of INTENTS) {
      const rules = [...ruleBase.rules.filter((r) => intentOf(r) === intent), ...general];
      const engine = new Engine([], { allowUndefinedFacts: true });
      for (const rule of rules) engine.addRule(rule as unknown as RuleProperties);
      this.engines.set(intent, engine);
    }
  }

  /** The answer of the highest-priority rule that holds; null when no rule covers the facts. */
  async evaluate(facts: Facts): Promise<Answer | null> {
    const engine = this.engines.get(facts.intent as Intent);
    if (!engine) return null;
    const { results } = await engine.run({ ...facts });
    let winner: { priority: number; name: string; event: AnswerEvent } | null = null;
    for (const result of results) {
      const priority = result.priority ?? 1;
      if (!winner || priority > winner.priority) {
        winner = { priority, name: result.name, event: result.event as unknown as AnswerEvent };
      }
    }
    return winner ? { ...winner.event.params, rule: winner.name } : null;
  }
}
