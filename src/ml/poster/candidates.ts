import type { BackboneConfig } from './backbone.js';
import type { FeatureBlock, FeatureTap } from './features.js';
import { DEFAULT_HEAD, type HeadHyperparams } from './head.js';
import type { PosterTask } from './task.js';

/** One configuration compared by cross-validation: which pooled backbone blocks feed which head. */
export interface HeadCandidate {
  readonly name: string;
  /** `all` taps, only the average pools (`avg`), or block names like `out_relu/avg`. */
  readonly blocks: 'all' | 'avg' | readonly string[];
  readonly head: HeadHyperparams;
}

const LINEAR: HeadHyperparams = { ...DEFAULT_HEAD, hidden: 0, dropout: 0, inputDropout: 0, l2: 1e-3, learningRate: 1e-3 };

/**
 * The search `--search` runs, cheapest first: the logistic-probe reference (last layer, average pool), the
 * same probe on every tap, then MLP heads. Sized so the whole search fits in well under an hour on two busy cores.
 */
export function searchCandidates(task: PosterTask): HeadCandidate[] {
  const mlp = DEFAULT_HEAD;
  return [
    { name: 'linear, out_relu avg', blocks: ['out_relu/avg'], head: LINEAR },
    { name: 'linear, all taps', blocks: 'all', head: LINEAR },
    { name: `mlp${mlp.hidden}, avg taps`, blocks: 'avg', head: mlp },
    { name: `mlp${mlp.hidden}, all taps`, blocks: 'all', head: mlp },
    ...(task === 'genre'
      ? [{ name: `mlp${mlp.hidden}, all taps, sqrt class weights`, blocks: 'all' as const, head: { ...mlp, classWeighting: 'sqrt' as const } }]
      : []),
  ];
}

/** Column ranges of the chosen blocks, in table order. */
export function selectedBlocks(all: readonly FeatureBlock[], blocks: HeadCandidate['blocks']): FeatureBlock[] {
  if (blocks === 'all') return [...all];
  if (blocks === 'avg') return all.filter((block) => block.name.endsWith('/avg'));
  const unknown = blocks.filter((name) => !all.some((block) => block.name === name));
  if (unknown.length > 0) throw new Error(`Unknown feature blocks: ${unknown.join(', ')}`);
  return all.filter((block) => blocks.includes(block.name));
}

/** The backbone config that computes exactly the chosen blocks, in the same column order, at serving time. */
export function servingBackbone(config: BackboneConfig, blocks: readonly FeatureBlock[]): BackboneConfig {
  const taps: FeatureTap[] = [];
  for (const tap of config.taps) {
    const pools = tap.pools.filter((pool) => blocks.some((block) => block.name === `${tap.layer}/${pool}`));
    if (pools.length > 0) taps.push({ layer: tap.layer, pools });
  }
  return { ...config, taps };
}
