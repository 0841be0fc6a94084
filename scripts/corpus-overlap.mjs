// Finds corpus examples that copy or nearly copy a turn of a question set, so a held-out set stays held out.
// Usage: node scripts/corpus-overlap.mjs SET.jsonl [SET.jsonl …] [--rules MAP] [--min 0.6] [--show]
// Prints one line per suspicious pair (score, corpus file:line, set id) and exits 1 when there is any.
// The texts are only printed with --show: a set may be sealed for the person running this.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rulesDir = option('--rules', 'rules');
const minimum = Number(option('--min', '0.6'));
const show = args.includes('--show');
const sets = args.filter((a, i) => !a.startsWith('--') && !['--rules', '--min'].includes(args[i - 1]));
if (sets.length === 0) {
  console.error('usage: node scripts/corpus-overlap.mjs SET.jsonl [SET.jsonl …] [--rules MAP] [--min 0.6]');
  process.exit(2);
}

const normal = (text) => text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  .replace(/['\u2018\u2019`]/g, '').match(/[a-z0-9]+/g) ?? [];
const grams = (tokens, n) => new Set(tokens.slice(0, tokens.length - n + 1).map((_, i) => tokens.slice(i, i + n).join(' ')));
const chars = (tokens) => {
  const text = tokens.join(' ');
  return new Set(Array.from({ length: Math.max(0, text.length - 4) }, (_, i) => text.slice(i, i + 5)));
};
const shared = (a, b) => [...a].filter((g) => b.has(g)).length;

/**
 * 1 for the same words; else the larger of two: how much of the example's word trigrams the turn holds (a piece
 * cut from a longer turn is a copy, a short turn inside a longer example is not) and character 5-gram Dice.
 */
function similarity(example, turn) {
  if (example.tokens.join(' ') === turn.tokens.join(' ')) return 1;
  // Short acknowledgements ("ok dank je") are common property, not a copy.
  if (Math.min(example.tokens.length, turn.tokens.length) < 5) return 0;
  const trigrams = example.tri.size === 0 ? 0 : shared(example.tri, turn.tri) / example.tri.size;
  const [a, b] = [example, turn];
  const dice = (2 * shared(a.chars, b.chars)) / (a.chars.size + b.chars.size || 1);
  return Math.max(trigrams, dice);
}

const item = (tokens, where) => ({ tokens, where, tri: grams(tokens, 3), chars: chars(tokens) });
const said = (x) => (show ? `\n    ${x.tokens.join(' ')}` : '');
const turns = sets.flatMap((path) => readFileSync(path, 'utf8').split('\n').filter((l) => l.trim())
  .flatMap((line) => {
    // Conversation sets have turns; phrasing sets (safety.jsonl) one text each.
    const { id, turns, tekst } = JSON.parse(line);
    const texts = turns ?? [tekst];
    return texts.map((t, k) => item(normal(String(t)), `${path}#${id ?? '?'}/${k + 1}`));
  }));
const byTrigram = new Map();
for (const t of turns) for (const g of t.tri) byTrigram.set(g, [...(byTrigram.get(g) ?? []), t]);
const byText = new Map(turns.map((t) => [t.tokens.join(' '), t]));

const dir = join(rulesDir, 'taal', 'voorbeelden');
let found = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
  readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, n) => {
    if (!line.trim()) return;
    const example = item(normal(JSON.parse(line).tekst), `${file}:${n + 1}`);
    const candidates = new Set([...example.tri].flatMap((g) => byTrigram.get(g) ?? []));
    const same = byText.get(example.tokens.join(' '));
    if (same) candidates.add(same);
    // Without a shared trigram, near copies still share most characters (typos, one word changed).
    if (candidates.size === 0) {
      for (const t of turns) if (Math.abs(t.tokens.length - example.tokens.length) <= 3) candidates.add(t);
    }
    for (const t of candidates) {
      const score = similarity(example, t);
      if (score >= minimum) {
        found++;
        console.log(`${score.toFixed(2)}  ${example.where}  ~  ${t.where}${said(example)}${said(t)}`);
      }
    }
  });
}
console.error(`${found} near copies at similarity >= ${minimum}`);
process.exit(found > 0 ? 1 : 0);
