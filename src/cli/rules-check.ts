import type { RuleBase } from '../core/rulebase/load.js';
import { INTENTS } from '../core/rulebase/schema.js';

/** The summary `gedragsbot rules check` prints for a valid rule base. */
export function summarise(ruleBase: RuleBase): string {
  const org = ruleBase.organisation;
  const perIntent = INTENTS.map((intent) => {
    const n = ruleBase.rules.filter((r) =>
      JSON.stringify(r.conditions).includes(`"value":"${intent}"`),
    ).length;
    return `${intent} ${n}`;
  });
  return [
    `Regelbasis in orde: ${ruleBase.dir}`,
    `  organisatie: ${org.naam}, geschenkgrens €${org.geschenkDrempel}`,
    `  vertrouwenspersonen: ${org.vertrouwenspersonen.length}, externe routes: ${org.externeRoutes.length}`,
    `  regelbestanden: ${ruleBase.ruleFiles.join(', ')}`,
    `  regels: ${ruleBase.rules.length} (${perIntent.join(', ')})`,
    `  begrippen: ${ruleBase.lexicon.conceptNames.length}, onderwerpen: ${Object.keys(ruleBase.intents.intenties).length}`,
  ].join('\n');
}
