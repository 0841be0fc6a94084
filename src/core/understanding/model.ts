import { z } from 'zod';
import { LABELS } from './corpus.js';
import type { LinearModel } from './softmax.js';

/**
 * The trained model as it is checked in (rules/taal/model.json): small enough
 * to load on every CLI start. The weights are one table (a row per feature, a
 * column per label) of 16-bit integers in base64, which decodes in a
 * millisecond where a JSON number per weight took hundreds; features whose
 * weights are all tiny are pruned.
 */
export const MODEL_FILE = 'model.json';
const PRUNE_BELOW = 0.01;
const INT16_MAX = 32767;

const thresholdsSchema = z.strictObject({
  uitleg: z.string().optional(),
  /** Below this probability the best topic is a guess. */
  zeker: z.number().min(0).max(1),
  /** Closer than this to the runner-up is a guess too. */
  marge: z.number().min(0).max(1),
  /** A referral this close to the best topic is enough to refer: asking for help must never be missed. */
  doorverwijzen: z.number().min(0).max(1),
});
export type Thresholds = z.infer<typeof thresholdsSchema>;

export const modelFileSchema = z.strictObject({
  uitleg: z.string().optional(),
  versie: z.number().int(),
  hash: z.string(),
  labels: z.array(z.enum(LABELS)).min(2),
  drempels: thresholdsSchema,
  evaluatie: z.record(z.string(), z.unknown()).optional(),
  /** Known words for spelling correction, most frequent first, separated by spaces. */
  woorden: z.string(),
  /** Feature names, one per line, in the order of the rows of the weights. */
  kenmerken: z.string(),
  /** A weight is the stored integer times this. */
  schaal: z.number().positive(),
  /** Base64 of little-endian int16: features × labels. */
  gewichten: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'verwacht base64'),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

export interface LoadedModel extends LinearModel {
  version: number;
  hash: string;
  thresholds: Thresholds;
  words: string[];
  /** The k-fold score recorded at training, for rules check. */
  heldOutAccuracy: number | null;
}

export class ModelFormatError extends Error {}

export function fromFile(file: ModelFile): LoadedModel {
  const k = file.labels.length;
  const names = file.kenmerken === '' ? [] : file.kenmerken.split('\n');
  const bytes = Buffer.from(file.gewichten, 'base64');
  if (bytes.length !== names.length * k * 2) {
    throw new ModelFormatError(`$.gewichten: ${String(bytes.length)} bytes, verwacht ${String(names.length * k * 2)} (${String(names.length)} kenmerken × ${String(k)} labels × 2)`);
  }
  const table = new Float32Array(names.length * k);
  for (let i = 0; i < table.length; i++) table[i] = bytes.readInt16LE(i * 2) * file.schaal;
  const weights = new Map<string, Float32Array>();
  names.forEach((name, row) => weights.set(name, table.subarray(row * k, row * k + k)));
  return {
    labels: file.labels,
    weights,
    version: file.versie,
    hash: file.hash,
    thresholds: file.drempels,
    words: file.woorden.split(' ').filter(Boolean),
    heldOutAccuracy: typeof file.evaluatie?.nauwkeurigheid === 'number' ? file.evaluatie.nauwkeurigheid : null,
  };
}

export function toFile(
  model: LinearModel,
  meta: {
    version: number;
    hash: string;
    thresholds: Thresholds;
    words: readonly string[];
    evaluation: Record<string, unknown>;
  },
): ModelFile {
  const k = model.labels.length;
  let max = 0;
  for (const w of model.weights.values()) for (const x of w) max = Math.max(max, Math.abs(x));
  const scale = Math.max(max, 1e-6) / INT16_MAX;
  const kept = [...model.weights.entries()]
    .filter(([, w]) => w.some((x) => Math.abs(x) >= PRUNE_BELOW))
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const bytes = Buffer.alloc(kept.length * k * 2);
  kept.forEach(([, w], row) => {
    for (let c = 0; c < k; c++) bytes.writeInt16LE(Math.round((w[c] ?? 0) / scale), (row * k + c) * 2);
  });
  return {
    uitleg: 'Getraind met "npm run train" op taal/voorbeelden/*.jsonl en taal/begrippen.json; niet met de hand wijzigen. De hash zegt waarop het model getraind is: wijzigen de voorbeelden of begrippen, dan weigert de bot te starten tot het model opnieuw getraind is.',
    versie: meta.version,
    hash: meta.hash,
    labels: model.labels.filter((l): l is (typeof LABELS)[number] => (LABELS as readonly string[]).includes(l)),
    drempels: meta.thresholds,
    evaluatie: meta.evaluation,
    woorden: meta.words.join(' '),
    kenmerken: kept.map(([name]) => name).join('\n'),
    schaal: scale,
    gewichten: bytes.toString('base64'),
  };
}
