import { readFile } from 'node:fs/promises';
import { decodePosterRegion } from '../../../core/image.js';
import { POSTER_GATE_THRESHOLD } from '../../../core/predictions.js';
import { loadPosterPredictor } from '../../serving/poster/predictor.js';
import { type GateItem, readNonPosters, samplePosters, wildItems } from './gate-data.js';

const CHUNK = 16;

/**
 * The gate's held-out non-posters through the serving path, poster finder included: the validation split's source
 * groups, and in-the-wild pictures of `wildCount` of them (the sample `train:gate` draws, written to `wildDir` once).
 * For each set, the share the gate turns away and the share the finder cut down to a block.
 */
export async function evaluateGateOnNonPosters(modelsDir: string, nonPosterDir: string, wildDir: string, wildCount = 180): Promise<Record<string, number>> {
  const validation = (await readNonPosters(nonPosterDir)).filter((item) => item.split === 'validation');
  const sets = { nonPosters: validation, wildNonPosters: await wildItems(samplePosters(validation, wildCount, 'gate'), wildDir) };
  const predictor = await loadPosterPredictor(modelsDir);
  const metrics: Record<string, number> = {};
  try {
    for (const [name, items] of Object.entries(sets)) {
      const { rejected, located, count } = await scoreNonPosters(items, (images) => predictor.predict(images), predictor.inputSize);
      Object.assign(metrics, { [name]: count, [`${name}BelowThreshold`]: rejected / count, [`${name}Located`]: located / count });
    }
  } finally {
    await predictor.dispose();
  }
  return metrics;
}

async function scoreNonPosters(
  items: readonly GateItem[],
  predict: (images: Uint8Array[]) => Promise<Array<{ poster?: number }>>,
  size: number,
): Promise<{ rejected: number; located: number; count: number }> {
  const totals = { rejected: 0, located: 0, count: 0 };
  for (let start = 0; start < items.length; start += CHUNK) {
    const decoded = await Promise.all(items.slice(start, start + CHUNK).map(async (item) =>
      decodePosterRegion(await readFile(item.imagePath), size).catch(() => undefined)));
    const readable = decoded.filter((d) => d !== undefined);
    const results = await predict(readable.map((d) => d.pixels));
    results.forEach((result, i) => {
      totals.count += 1;
      totals.rejected += (result.poster ?? 1) < POSTER_GATE_THRESHOLD ? 1 : 0;
      totals.located += readable[i]!.region === undefined ? 0 : 1;
    });
  }
  return totals;
}
