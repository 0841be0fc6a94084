import type { RuleBase } from '../core/rulebase/load.js';
import { INTENTS } from '../core/rulebase/schema.js';

function describeModel(ruleBase: RuleBase): string {
  const { thresholds, heldOutAccuracy } = ruleBase.classifier.model;
  const score = heldOutAccuracy === null ? 'zonder score' : `k-fold ${(heldOutAccuracy * 100).toFixed(1)}% goed`;
  return `${score}, vraagt terug onder ${thresholds.zeker} zeker of ${thresholds.marge} marge`;
}

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
    `  meldwijzer: ${ruleBase.meldwijzer ? `${ruleBase.meldwijzer.routes.length} routes` : 'niet ingesteld (meldwijzer.json ontbreekt)'}`,
    `  regelbestanden: ${ruleBase.ruleFiles.join(', ')}`,
    `  regels: ${ruleBase.rules.length} (${perIntent.join(', ')})`,
    `  begrippen: ${ruleBase.lexicon.conceptNames.length}, voorbeelden: ${ruleBase.corpusSize}, model: ${describeModel(ruleBase)}`,
  ].join('\n');
}
