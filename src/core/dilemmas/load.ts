import { readdirSync } from 'node:fs';
import { GedragsbotError, formatProblem, type RuleBaseProblem } from '../errors.js';
import { Reader } from '../rulebase/load.js';
import { type Dilemma, type DilemmaTheme, dilemmaSchema } from './schema.js';

/** The dilemma cards of a folder, checked all at once; an error names each file, path and problem. */
export class DilemmaError extends GedragsbotError {
  constructor(readonly problems: RuleBaseProblem[]) {
    super('RULEBASE_INVALID', `De dilemmakaarten zijn ongeldig:\n${problems.map(formatProblem).join('\n')}`);
  }
}

const FILE_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.json$/;

export class DilemmaDeck {
  private readonly byId: Map<string, Dilemma>;

  constructor(readonly cards: readonly Dilemma[]) {
    this.byId = new Map(cards.map((c) => [c.id, c]));
  }

  get(id: string): Dilemma | undefined {
    return this.byId.get(id);
  }

  ofTheme(theme: DilemmaTheme | null): Dilemma[] {
    return theme ? this.cards.filter((c) => c.thema === theme) : [...this.cards];
  }
}

export function loadDilemmas(dir: string): DilemmaDeck {
  const reader = new Reader(dir);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    throw new DilemmaError([{ file: dir, path: '$', message: 'map met dilemmakaarten niet gevonden' }]);
  }
  const cards: Dilemma[] = [];
  for (const file of files) {
    if (!FILE_NAME.test(file)) {
      reader.problem(file, '$', 'bestandsnaam: kleine letters, cijfers en streepjes, bijv. grote-fles-champagne.json');
      continue;
    }
    const card = reader.read(file, dilemmaSchema);
    if (card) cards.push({ id: file.replace(/\.json$/, ''), ...card });
  }
  if (files.length === 0) reader.problem('.', '$', 'geen dilemmakaarten (*.json) gevonden');
  if (reader.problems.length > 0) throw new DilemmaError(reader.problems);
  return new DilemmaDeck(cards);
}
