import { charGrams, charGramScale, type FeatureVector } from './features.js';

/**
 * Multinomial logistic regression (softmax) with L2, trained by AdaGrad over
 * sparse features. Small, deterministic (seeded order) and fast enough to
 * train five folds and the final model in seconds; no library needed for a
 * model this size.
 */
export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Features seen in fewer training examples are left out: they only memorise. */
  minCount: number;
  /** Models trained in this many example orders are averaged, so one order's luck decides no borderline case. */
  orders: number;
}

export const DEFAULT_TRAINING: TrainOptions = {
  epochs: 15,
  learningRate: 0.4,
  l2: 3e-4,
  seed: 7,
  minCount: 3,
  orders: 3,
};

export interface Example {
  vector: FeatureVector;
  label: number;
}

/** Weights per feature name, one per label. */
export interface LinearModel {
  labels: readonly string[];
  weights: Map<string, Float32Array>;
}

/** Mulberry32: the same order every run, so the same corpus gives the same model. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export function softmaxInPlace(scores: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] ?? 0) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) / sum;
}

const WORD_CACHE_LIMIT = 50_000;
const wordSums = new WeakMap<LinearModel, Map<string, Float32Array>>();

/** The summed weights of a word's character n-grams, computed once per model and word. */
function wordSum(model: LinearModel, word: string): Float32Array {
  let cache = wordSums.get(model);
  if (!cache) {
    cache = new Map();
    wordSums.set(model, cache);
  }
  let sum = cache.get(word);
  if (sum) return sum;
  sum = new Float32Array(model.labels.length);
  for (const gram of charGrams(word)) {
    const w = model.weights.get(gram);
    if (w) for (let k = 0; k < w.length; k++) sum[k] = (sum[k] ?? 0) + (w[k] ?? 0);
  }
  if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
  cache.set(word, sum);
  return sum;
}

export function probabilities(model: LinearModel, vector: FeatureVector): Float64Array {
  const scores = new Float64Array(model.labels.length);
  for (let i = 0; i < vector.names.length; i++) {
    const w = model.weights.get(vector.names[i] ?? '');
    if (!w) continue;
    const v = vector.values[i] ?? 0;
    for (let k = 0; k < w.length; k++) scores[k] = (scores[k] ?? 0) + (w[k] ?? 0) * v;
  }
  const scale = charGramScale(vector.words);
  for (const word of vector.words) {
    const sum = wordSum(model, word);
    for (let k = 0; k < sum.length; k++) scores[k] = (scores[k] ?? 0) + (sum[k] ?? 0) * scale;
  }
  softmaxInPlace(scores);
  return scores;
}

export function train(
  examples: readonly Example[],
  labels: readonly string[],
  options: TrainOptions = DEFAULT_TRAINING,
): LinearModel {
  const runs = Array.from({ length: Math.max(1, options.orders) }, (_, run) =>
    trainOnce(examples, labels, { ...options, seed: options.seed + run * 101 }));
  const [first, ...rest] = runs;
  if (!first) throw new Error('geen model getraind');
  for (const [name, w] of first.weights) {
    for (const other of rest) {
      const v = other.weights.get(name);
      if (v) for (let k = 0; k < w.length; k++) w[k] = (w[k] ?? 0) + (v[k] ?? 0);
    }
    for (let k = 0; k < w.length; k++) w[k] = (w[k] ?? 0) / runs.length;
  }
  return first;
}

function trainOnce(examples: readonly Example[], labels: readonly string[], options: TrainOptions): LinearModel {
  const counts = new Map<string, number>();
  for (const e of examples) for (const name of e.vector.names) counts.set(name, (counts.get(name) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [name, count] of counts) if (count >= options.minCount || name === 'bias') index.set(name, index.size);
  const k = labels.length;
  const w = new Float64Array(index.size * k);
  const g2 = new Float64Array(index.size * k).fill(1e-8);
  const biasIndex = index.get('bias') ?? -1;
  const compiled = examples.map((e) => {
    const idx: number[] = [];
    const val: number[] = [];
    e.vector.names.forEach((name, i) => {
      const at = index.get(name);
      if (at !== undefined) {
        idx.push(at);
        val.push(e.vector.values[i] ?? 0);
      }
    });
    return { idx, val, label: e.label };
  });
  const random = seededRandom(options.seed);
  const scores = new Float64Array(k);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const ex of shuffled(compiled, random)) {
      scores.fill(0);
      for (let i = 0; i < ex.idx.length; i++) {
        const base = (ex.idx[i] ?? 0) * k;
        const v = ex.val[i] ?? 0;
        for (let c = 0; c < k; c++) scores[c] = (scores[c] ?? 0) + (w[base + c] ?? 0) * v;
      }
      softmaxInPlace(scores);
      for (let i = 0; i < ex.idx.length; i++) {
        const feature = ex.idx[i] ?? 0;
        const base = feature * k;
        const v = ex.val[i] ?? 0;
        const decay = feature === biasIndex ? 0 : options.l2;
        for (let c = 0; c < k; c++) {
          const at = base + c;
          const wc = w[at] ?? 0;
          const grad = ((scores[c] ?? 0) - (c === ex.label ? 1 : 0)) * v + decay * wc;
          const g = (g2[at] ?? 0) + grad * grad;
          g2[at] = g;
          w[at] = wc - (options.learningRate * grad) / Math.sqrt(g);
        }
      }
    }
  }
  const weights = new Map<string, Float32Array>();
  for (const [name, at] of index) weights.set(name, Float32Array.from(w.subarray(at * k, at * k + k)));
  return { labels, weights };
}
